using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Availability.Model;

namespace TanKy.Hub.Reports;

/// <summary>Sums <c>wifi_hourly</c> per access point over a period.</summary>
internal static class WifiUsageReader
{
    public static List<WifiRow> Read(SqliteConnection c, ReportPeriod period, IReadOnlyDictionary<string, DeviceFacts> devices, IReadOnlyDictionary<string, string> zoneNames)
    {
        var rows = c.Query<(string Id, long Sessions, long PeakClients, long Rx, long Tx, long Hours)>(
            """
            SELECT device_id, SUM(sessions), MAX(clients_max), SUM(rx_bytes), SUM(tx_bytes), COUNT(*)
            FROM wifi_hourly WHERE hour >= @from AND hour < @to GROUP BY device_id ORDER BY device_id
            """,
            new { from = period.From.ToUnixTimeMilliseconds(), to = period.To.ToUnixTimeMilliseconds() });
        return rows.Where(r => devices.ContainsKey(r.Id))
            .Select(r =>
            {
                var d = devices[r.Id];
                return new WifiRow(r.Id, d.Name, string.Join(",", d.Zones), string.Join(", ", d.Zones.Select(z => zoneNames.GetValueOrDefault(z, z))), r.Sessions, (int)r.PeakClients, Gb(r.Rx), Gb(r.Tx), (int)r.Hours);
            })
            .ToList();
    }

    private static double Gb(long bytes) => Math.Round(bytes / 1e9, 3);
}
