using System.Globalization;
using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// A programme's recurrence in the officer's words: "06:00, 19:00 thứ 2–6", "19:00 thứ 6 cuối
/// tháng", "07:30 ngày 15 hằng tháng". The words come from the console's text
/// (<c>sched.rule.*</c> in Resources/Text/programme2.resx) through <c>text</c>, so this stays
/// free of the web layer. A cron rule with no words gives null: the caller shows the cron.
/// </summary>
public static class RepeatWords
{
    public static string? Describe(Recurrence r, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(text);
        string rule;
        IReadOnlyList<TimeOnly> times;
        if (r.Cron is not null)
        {
            if (!CronRule.TryRead(r.Cron, out var cron))
            {
                return null;
            }

            (times, rule) = (cron.Times, Cron(cron, text));
        }
        else
        {
            (times, rule) = (r.Times, Plain(r, text));
        }

        var parts = new List<string> { string.Join(", ", times.Select(Clock)), rule };
        if (r.From is { } from)
        {
            parts.Add(Format(text("sched.rule.from"), Date(from)));
        }

        if (r.Until is { } until)
        {
            parts.Add(Format(text("sched.rule.until"), Date(until)));
        }

        return string.Join(" ", parts.Where(p => p.Length > 0));
    }

    /// <summary>"hằng ngày", "thứ 2–6", "thứ 7, chủ nhật" or the days one by one.</summary>
    public static string Days(IReadOnlySet<DayOfWeek> days, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 7)
        {
            return text("sched.rule.daily");
        }

        DayOfWeek[] weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        if (days.Count == 5 && weekdays.All(days.Contains))
        {
            return text("sched.rule.weekdays");
        }

        if (days.Count == 2 && days.Contains(DayOfWeek.Saturday) && days.Contains(DayOfWeek.Sunday))
        {
            return text("sched.rule.weekend");
        }

        // Monday first, Sunday last, as a Vietnamese week is read.
        return string.Join(", ", days.OrderBy(d => ((int)d + 6) % 7).Select(d => Day(d, text)));
    }

    /// <summary>"thứ 2" … "thứ 7", "chủ nhật".</summary>
    public static string Day(DayOfWeek d, Func<string, string> text) =>
        text("sched.rule.day." + CronRule.QuartzDay(d).ToString(CultureInfo.InvariantCulture));

    private static string Cron(CronRule cron, Func<string, string> text) => cron.Kind switch
    {
        CronRuleKind.MonthDay => Format(text("sched.rule.monthday"), cron.MonthDay),
        CronRuleKind.LastDayOfMonth => text("sched.rule.lastday"),
        CronRuleKind.LastWeekdayOfMonth => Format(text("sched.rule.lastweekday"), Day(cron.Days.First(), text)),
        _ => Days(cron.Days, text),
    };

    private static string Plain(Recurrence r, Func<string, string> text)
    {
        if (r.Dates.Count > 0)
        {
            return Format(text("sched.rule.dates"), string.Join(", ", r.Dates.Select(Date)));
        }

        return r.Unit switch
        {
            RecurrenceUnit.Days => Format(text("sched.rule.everydays"), r.Every),
            RecurrenceUnit.Weeks => Format(text("sched.rule.everyweeks"), r.Every) + " (" + Days(r.Days, text) + ")",
            _ => Days(r.Days, text),
        };
    }

    private static string Clock(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Format(string template, object arg) => string.Format(CultureInfo.InvariantCulture, template, arg);
}
