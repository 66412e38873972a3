using System.Globalization;
using System.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// The CSV for the province: one row per commune, kind, hamlet and device, ISO dates, dot
/// decimals and empty cells for "none". With machine headers (<c>en</c>) the columns and values
/// are today's stable ones (documented in hub/docs/reports.md); with Vietnamese headers (the
/// default) the id column is left out and levels, kinds and hamlets are shown by name.
/// </summary>
internal static class CsvReportWriter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "site", "period_from", "period_to", "level", "id", "name", "kind", "hamlet", "installed", "online_now",
        "online_hours", "offline_hours", "unknown_hours", "maintenance_hours", "availability_pct",
        "incidents", "longest_outage_min", "mttr_min", "mtbf_hours",
    ];

    public static string Write(IndicatorReport report, CsvHeaders headers = CsvHeaders.Machine)
    {
        var people = headers == CsvHeaders.Vietnamese;
        var columns = people ? Columns.Where(c => c != "id").ToList() : Columns;
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => Escape(people ? CsvHeadersParser.Vietnamese(c) : c))).Append("\r\n");
        foreach (var row in report.AllRows())
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["site"] = report.Site,
                ["period_from"] = Date(report.Period.FirstDay),
                ["period_to"] = Date(report.Period.LastDay),
                ["level"] = people ? DeviceLabels.Level(row.Level) : row.Level,
                ["id"] = row.Id,
                ["name"] = row.Name,
                ["kind"] = people && row.Kind.Length > 0 ? DeviceLabels.Kind(row.Kind) : row.Kind,
                ["hamlet"] = people ? row.HamletNames : row.Hamlet,
                ["installed"] = Num(row.Installed),
                ["online_now"] = Num(row.OnlineNow),
                ["online_hours"] = Num(row.OnlineHours),
                ["offline_hours"] = Num(row.OfflineHours),
                ["unknown_hours"] = Num(row.UnknownHours),
                ["maintenance_hours"] = Num(row.MaintenanceHours),
                ["availability_pct"] = Num(row.AvailabilityPct),
                ["incidents"] = Num(row.Incidents),
                ["longest_outage_min"] = Num(row.LongestOutageMin),
                ["mttr_min"] = Num(row.MttrMin),
                ["mtbf_hours"] = Num(row.MtbfHours),
            };
            sb.AppendJoin(',', columns.Select(c => Escape(cells[c]))).Append("\r\n");
        }

        return sb.ToString();
    }

    public static string Num(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
