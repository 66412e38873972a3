using System.Globalization;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>What a draft's repeat choice becomes in the file: a day rule, or a cron line (monthly rules).</summary>
internal sealed record RepeatPlan(IReadOnlyList<string> Days, string? Every, IReadOnlyList<string> Dates, string? Cron);

/// <summary>
/// The form's repeat choice in the officer's words ("hằng ngày", "thứ 2–6", "thứ 7, chủ nhật",
/// "ngày 15 hằng tháng", "thứ 6 cuối tháng", "2 ngày một lần" …) to and from the file's rules.
/// Monthly choices have no plain rule in the file format, so they are written as Quartz cron.
/// </summary>
public static class RepeatChoice
{
    public static readonly string[] All = ["daily", "weekdays", "weekend", "days", "monthday", "lastday", "lastweekday", "everydays", "everyweeks", "dates"];

    private static readonly string[] WeekdayWords = ["t2", "t3", "t4", "t5", "t6"];
    private static readonly string[] WeekendWords = ["t7", "cn"];

    /// <summary>Sets the draft's choice from a loaded rule (<paramref name="cron"/> when it is a readable cron).</summary>
    internal static void Fill(ProgrammeDraft d, Recurrence r, CronRule? cron)
    {
        if (cron is not null)
        {
            d.Times = string.Join(", ", cron.Times.Select(TimeText.Format));
            d.Repeat = cron.Kind switch
            {
                CronRuleKind.MonthDay => "monthday",
                CronRuleKind.LastDayOfMonth => "lastday",
                CronRuleKind.LastWeekdayOfMonth => "lastweekday",
                _ => FromDays(d, cron.Days),
            };
            d.MonthDay = cron.Kind == CronRuleKind.MonthDay ? cron.MonthDay.ToString(CultureInfo.InvariantCulture) : null;
            d.Weekday = cron.Kind == CronRuleKind.LastWeekdayOfMonth ? Word(cron.Days.First()) : null;
            return;
        }

        d.Repeat = r.Dates.Count > 0 ? "dates"
            : r.Unit == RecurrenceUnit.Days ? "everydays"
            : r.Unit == RecurrenceUnit.Weeks ? "everyweeks"
            : FromDays(d, r.Days);
        d.EveryCount = r.Every > 0 ? r.Every.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The rule to write, or the form field and text key of why it cannot be written.</summary>
    internal static (RepeatPlan? Plan, string? Field, string? Problem) Plan(ProgrammeDraft d)
    {
        var dates = ProgrammeDraft.Items(d.Dates);
        switch (d.Repeat)
        {
            case "" or null:
                return (new RepeatPlan(d.Days, d.Every, dates, null), null, null);
            case "daily":
                return (new RepeatPlan([], null, [], null), null, null);
            case "weekdays":
                return (new RepeatPlan(WeekdayWords, null, [], null), null, null);
            case "weekend":
                return (new RepeatPlan(WeekendWords, null, [], null), null, null);
            case "days":
                return (new RepeatPlan(d.Days, null, [], null), null, null);
            case "dates":
                return (new RepeatPlan([], null, dates, null), null, null);
            case "everydays" or "everyweeks":
                return int.TryParse(d.EveryCount, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 366
                    ? (new RepeatPlan(d.Repeat == "everyweeks" ? d.Days : [], $"{n} {(d.Repeat == "everyweeks" ? "weeks" : "days")}", [], null), null, null)
                    : (null, "every", "sched.edit.badEvery");
            default:
                return Monthly(d);
        }
    }

    private static (RepeatPlan?, string?, string?) Monthly(ProgrammeDraft d)
    {
        var times = new List<TimeOnly>();
        foreach (var item in ProgrammeDraft.Items(d.Times))
        {
            if (!TimeText.TryParse(item, out var t))
            {
                // The validator names the bad time at the times line; a plain rule lets it.
                return (new RepeatPlan([], null, [], null), null, null);
            }

            times.Add(t);
        }

        if (times.Count == 0)
        {
            return (new RepeatPlan([], null, [], null), null, null);
        }

        CronRule rule;
        switch (d.Repeat)
        {
            case "monthday" when int.TryParse(d.MonthDay, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31:
                rule = new CronRule(times, CronRuleKind.MonthDay, day, new HashSet<DayOfWeek>());
                break;
            case "monthday":
                return (null, "repeat", "sched.edit.badMonthDay");
            case "lastday":
                rule = new CronRule(times, CronRuleKind.LastDayOfMonth, 0, new HashSet<DayOfWeek>());
                break;
            case "lastweekday" when d.Weekday is { } word && ProgrammeDraft.DayWords.Contains(word) && DayNames.Parse(word) is [var wd]:
                rule = new CronRule(times, CronRuleKind.LastWeekdayOfMonth, 0, new HashSet<DayOfWeek> { wd });
                break;
            case "lastweekday":
                return (null, "repeat", "sched.edit.badWeekday");
            default:
                return (null, "repeat", "sched.edit.badRepeat");
        }

        return rule.ToCron() is { } cron ? (new RepeatPlan([], null, [], cron), null, null) : (null, "times", "sched.edit.monthlyOneMinute");
    }

    private static string FromDays(ProgrammeDraft d, IReadOnlySet<DayOfWeek> days)
    {
        var words = ProgrammeDraft.DayWords.Where(w => DayNames.Parse(w) is [var x] && days.Contains(x)).ToList();
        d.Days = words.Count == 7 ? [] : words;
        return words.Count == 7 ? "daily"
            : words.SequenceEqual(WeekdayWords) ? "weekdays"
            : words.SequenceEqual(WeekendWords) ? "weekend"
            : "days";
    }

    private static string Word(DayOfWeek d) => ProgrammeDraft.DayWords.First(w => DayNames.Parse(w) is [var x] && x == d);
}
