using TanKy.Hub.Reports.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// Which header row the CSV gets: Vietnamese words for people opening it in Excel (the default),
/// or the stable snake_case names for machines (<c>--headers en</c>, <c>headers=en</c>).
/// </summary>
internal enum CsvHeaders
{
    Vietnamese,
    Machine,
}

internal static class CsvHeadersParser
{
    public static CsvHeaders Parse(string? value) => (value ?? "vi").Trim().ToLowerInvariant() switch
    {
        "vi" or "" => CsvHeaders.Vietnamese,
        "en" => CsvHeaders.Machine,
        _ => throw new ReportInputException("rpt.error.headers", value),
    };

    /// <summary>The Vietnamese header of a machine column name.</summary>
    public static string Vietnamese(string column) => ReportText.Get("rpt.csv." + column);
}
