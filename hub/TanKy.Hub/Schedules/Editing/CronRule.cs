using System.Globalization;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>The kinds of Quartz cron rule the console can say in words and write from its form.</summary>
public enum CronRuleKind
{
    Daily,
    Days,
    MonthDay,
    LastDayOfMonth,
    LastWeekdayOfMonth,
}

/// <summary>
/// A cron expression the officer can read: airing times (one minute, any hours) and one day rule.
/// <see cref="TryRead"/> recognises what the form writes (<c>0 0 19 15 * ?</c> = 19:00 on the
/// 15th; <c>0 0 19 ? * 6L</c> = 19:00 on the last Friday) and the common hand-written shapes;
/// anything else is not recognised and is shown as the cron itself. Quartz numbers weekdays
/// 1 = Sunday … 7 = Saturday, which is also the Vietnamese "thứ N" (thứ 2 = Monday).
/// </summary>
public sealed partial record CronRule(IReadOnlyList<TimeOnly> Times, CronRuleKind Kind, int MonthDay, IReadOnlySet<DayOfWeek> Days)
{
    private static readonly string[] QuartzDayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Quartz's weekday number (1 = Sunday … 7 = Saturday).</summary>
    public static int QuartzDay(DayOfWeek d) => (int)d + 1;

    public static bool TryRead(string? cron, out CronRule rule)
    {
        rule = null!;
        var f = (cron ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length is < 6 or > 7 || f[0] != "0" || f[4] != "*" || (f.Length == 7 && f[6] != "*")
            || !Number(f[1], 0, 59, out var minute) || Hours(f[2]) is not { } hours)
        {
            return false;
        }

        var times = hours.Select(h => new TimeOnly(h, minute)).ToList();
        var (dom, dow) = (f[3], f[5]);
        CronRule? read = (dom, dow) switch
        {
            ("*" or "?", "*" or "?") => new(times, CronRuleKind.Daily, 0, AllDays()),
            ("L", "?") => new(times, CronRuleKind.LastDayOfMonth, 0, AllDays()),
            (_, "?") when Number(dom, 1, 31, out var day) => new(times, CronRuleKind.MonthDay, day, AllDays()),
            ("?", _) when LastWeekday().Match(dow) is { Success: true } m => new(times, CronRuleKind.LastWeekdayOfMonth, 0, new HashSet<DayOfWeek> { (DayOfWeek)(m.Groups[1].Value[0] - '1') }),
            ("?", _) when Weekdays(dow) is { } days => new(times, days.Count == 7 ? CronRuleKind.Daily : CronRuleKind.Days, 0, days),
            _ => null,
        };
        if (read is null)
        {
            return false;
        }

        rule = read;
        return true;
    }

    /// <summary>The Quartz expression, or null when the times do not share one minute (cron cannot say 06:00 and 17:30 at once).</summary>
    public string? ToCron()
    {
        if (Times.Count == 0 || Times.Select(t => (t.Minute, t.Second)).Distinct().Count() != 1 || Times[0].Second != 0)
        {
            return null;
        }

        var hours = string.Join(",", Times.Select(t => t.Hour).Distinct().Order().Select(h => h.ToString(CultureInfo.InvariantCulture)));
        var head = $"0 {Times[0].Minute.ToString(CultureInfo.InvariantCulture)} {hours}";
        return Kind switch
        {
            CronRuleKind.MonthDay => $"{head} {MonthDay.ToString(CultureInfo.InvariantCulture)} * ?",
            CronRuleKind.LastDayOfMonth => $"{head} L * ?",
            CronRuleKind.LastWeekdayOfMonth => $"{head} ? * {QuartzDay(Days.First()).ToString(CultureInfo.InvariantCulture)}L",
            CronRuleKind.Days => $"{head} ? * {string.Join(",", Days.Order().Select(d => QuartzDay(d).ToString(CultureInfo.InvariantCulture)))}",
            _ => $"{head} * * ?",
        };
    }

    private static HashSet<DayOfWeek> AllDays() => Enum.GetValues<DayOfWeek>().ToHashSet();

    private static bool Number(string text, int min, int max, out int n) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n >= min && n <= max;

    private static List<int>? Hours(string field)
    {
        var hours = new List<int>();
        foreach (var part in field.Split(','))
        {
            if (!Number(part, 0, 23, out var h))
            {
                return null;
            }

            hours.Add(h);
        }

        return hours.Distinct().Order().ToList();
    }

    /// <summary><c>2-6</c>, <c>MON-FRI</c>, <c>2,4,6</c>, <c>SAT,SUN</c>: a set of weekdays, or null.</summary>
    private static HashSet<DayOfWeek>? Weekdays(string field)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var part in field.Split(','))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || Day(range[0]) is not { } a || Day(range[^1]) is not { } b || b < a)
            {
                return null;
            }

            for (var n = a; n <= b; n++)
            {
                days.Add((DayOfWeek)(n - 1));
            }
        }

        return days;
    }

    private static int? Day(string text) =>
        Number(text, 1, 7, out var n) ? n
        : Array.IndexOf(QuartzDayNames, text.ToUpperInvariant()) is var i and >= 0 ? i + 1
        : null;

    [GeneratedRegex("^([1-7])L$")]
    private static partial Regex LastWeekday();
}
