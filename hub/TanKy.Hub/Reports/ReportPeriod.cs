using System.Globalization;
using System.Text.RegularExpressions;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Reports;

/// <summary>
/// A report period: whole local days (Asia/Ho_Chi_Minh) from <see cref="FirstDay"/> to
/// <see cref="LastDay"/> inclusive. Parsed from <c>--from/--to</c> dates or a <c>--period</c>
/// of the form 2026-11-28 (day), 2026-11 (month), 2026-Q4 (quarter) or 2026 (year).
/// </summary>
public sealed partial record ReportPeriod(DateOnly FirstDay, DateOnly LastDay, string Label)
{
    public const int MaxDays = 3 * 366;

    public DateTimeOffset From => LocalMidnight(FirstDay);

    public DateTimeOffset To => LocalMidnight(LastDay.AddDays(1));

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public static DateTimeOffset LocalMidnight(DateOnly day) => CommuneTime.At(day, TimeOnly.MinValue);

    public static ReportPeriod FromDates(string from, string to)
    {
        var first = ParseDay(from, "--from");
        var last = ParseDay(to, "--to");
        return Checked(first, last, $"{first:yyyy-MM-dd} – {last:yyyy-MM-dd}");
    }

    public static ReportPeriod Parse(string period)
    {
        var p = period.Trim();
        if (DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Checked(day, day, $"ngày {day:dd/MM/yyyy}");
        }

        if (DateOnly.TryParseExact(p + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && p.Length == 7)
        {
            return Checked(month, month.AddMonths(1).AddDays(-1), $"tháng {month:MM/yyyy}");
        }

        var quarter = QuarterPattern().Match(p);
        if (quarter.Success)
        {
            var year = int.Parse(quarter.Groups[1].Value, CultureInfo.InvariantCulture);
            var q = int.Parse(quarter.Groups[2].Value, CultureInfo.InvariantCulture);
            var first = new DateOnly(year, ((q - 1) * 3) + 1, 1);
            return Checked(first, first.AddMonths(3).AddDays(-1), $"quý {q}/{year}");
        }

        if (YearPattern().IsMatch(p))
        {
            var year = int.Parse(p, CultureInfo.InvariantCulture);
            return Checked(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"năm {year}");
        }

        throw new FormatException($"invalid period '{period}': use 2026-11-28, 2026-11, 2026-Q4 or 2026");
    }

    private static DateOnly ParseDay(string value, string name) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"{name} '{value}' is not a date (yyyy-MM-dd)");

    private static ReportPeriod Checked(DateOnly first, DateOnly last, string label)
    {
        if (last < first)
        {
            throw new FormatException($"the period ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd})");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays || first.Year < 2000)
        {
            throw new FormatException($"a report covers 1 to {MaxDays} days from the year 2000 on");
        }

        return new ReportPeriod(first, last, label);
    }

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();
}
