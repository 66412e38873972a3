using System.Globalization;
using System.Text.RegularExpressions;
using TanKy.Hub.Reports.Text;
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
        return Checked(first, last, ReportText.Get("rpt.period.range", first.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), last.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
    }

    public static ReportPeriod Parse(string period)
    {
        var p = period.Trim();
        if (DateOnly.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Checked(day, day, ReportText.Get("rpt.period.day", day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
        }

        if (DateOnly.TryParseExact(p + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && p.Length == 7)
        {
            return Checked(month, month.AddMonths(1).AddDays(-1), ReportText.Get("rpt.period.month", month.ToString("MM/yyyy", CultureInfo.InvariantCulture)));
        }

        if (MonthPattern().IsMatch(p))
        {
            throw new ReportInputException("rpt.error.month", p[5..], p);
        }

        var quarter = QuarterPattern().Match(p);
        if (quarter.Success)
        {
            var year = int.Parse(quarter.Groups[1].Value, CultureInfo.InvariantCulture);
            var q = int.Parse(quarter.Groups[2].Value, CultureInfo.InvariantCulture);
            var first = new DateOnly(year, ((q - 1) * 3) + 1, 1);
            return Checked(first, first.AddMonths(3).AddDays(-1), ReportText.Get("rpt.period.quarter", q, year.ToString(CultureInfo.InvariantCulture)));
        }

        if (YearPattern().IsMatch(p))
        {
            var year = int.Parse(p, CultureInfo.InvariantCulture);
            return Checked(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ReportText.Get("rpt.period.year", year.ToString(CultureInfo.InvariantCulture)));
        }

        throw new ReportInputException("rpt.error.period", period.Trim());
    }

    private static DateOnly ParseDay(string value, string name) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ReportInputException(name == "--from" ? "rpt.error.from" : "rpt.error.to", value.Trim());

    private static ReportPeriod Checked(DateOnly first, DateOnly last, string label)
    {
        if (last < first)
        {
            throw new ReportInputException("rpt.error.backwards", last.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), first.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays || first.Year < 2000)
        {
            throw new ReportInputException("rpt.error.length", MaxDays);
        }

        return new ReportPeriod(first, last, label);
    }

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();
}
