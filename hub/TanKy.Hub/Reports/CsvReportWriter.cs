using System.Globalization;
using System.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// The CSV for the province: one row per commune, kind, hamlet and device, with stable column
/// names (documented in hub/docs/reports.md), ISO dates, dot decimals and empty cells for "none".
/// </summary>
internal static class CsvReportWriter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "site", "period_from", "period_to", "level", "id", "name", "kind", "hamlet", "installed", "online_now",
        "online_hours", "offline_hours", "unknown_hours", "maintenance_hours", "availability_pct",
        "incidents", "longest_outage_min", "mttr_min", "mtbf_hours",
    ];

    public static string Write(IndicatorReport report)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append("\r\n");
        foreach (var row in report.AllRows())
        {
            string[] cells =
            [
                report.Site, Date(report.Period.FirstDay), Date(report.Period.LastDay), row.Level, row.Id, row.Name, row.Kind, row.Hamlet,
                Num(row.Installed), Num(row.OnlineNow), Num(row.OnlineHours), Num(row.OfflineHours), Num(row.UnknownHours), Num(row.MaintenanceHours),
                Num(row.AvailabilityPct), Num(row.Incidents), Num(row.LongestOutageMin), Num(row.MttrMin), Num(row.MtbfHours),
            ];
            sb.AppendJoin(',', cells.Select(Escape)).Append("\r\n");
        }

        return sb.ToString();
    }

    public static string Num(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
