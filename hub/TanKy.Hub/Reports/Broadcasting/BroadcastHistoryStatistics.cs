using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Reports.Broadcasting;

/// <summary>
/// The report's broadcasting figures from the hub's own history:
/// programmes planned vs aired from <c>programme_history</c>, hours on air per hamlet from the
/// ended rows of <c>broadcast_streams</c>, and every emergency broadcast with the share of its
/// targeted speakers that started it (<c>broadcast_deliveries</c>). A period is [From, To) by
/// occurrence (programmes), stream start (airtime) or request time (emergencies).
/// </summary>
internal sealed class BroadcastHistoryStatistics(Database db) : IBroadcastStatistics
{
    /// <summary>Outcomes that count as "not planned to air": a holiday removed the airing.</summary>
    private const string NotPlanned = "('skipped-holiday')";

    public BroadcastSummary Summarise(ReportPeriod period, IReadOnlySet<string>? zones)
    {
        ArgumentNullException.ThrowIfNull(period);
        var from = period.From.ToUnixTimeMilliseconds();
        var to = period.To.ToUnixTimeMilliseconds();
        using var c = db.Open();
        var names = c.Query<(string Id, string Name)>("SELECT id, name FROM zones").ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        var (planned, aired) = Programmes(c, from, to, zones);
        var airtime = Airtime(c, from, to, zones, names);
        var emergencies = Emergencies(c, from, to, zones);
        return new BroadcastSummary(true, "", planned, aired, airtime, emergencies);
    }

    private static (int Planned, int Aired) Programmes(SqliteConnection c, long from, long to, IReadOnlySet<string>? zones)
    {
        var rows = c.Query<(string Zone, string Outcome)>(
            $"SELECT zone, outcome FROM programme_history WHERE occurrence_at >= @from AND occurrence_at < @to AND outcome NOT IN {NotPlanned}",
            new { from, to }).Where(r => zones is null || zones.Contains(r.Zone)).ToList();
        return (rows.Count, rows.Count(r => r.Outcome == "aired"));
    }

    private static List<ZoneAirtime> Airtime(SqliteConnection c, long from, long to, IReadOnlySet<string>? zones, Dictionary<string, string> names)
    {
        var streams = c.Query<(string Zones, long StartedAt, long EndedAt, long? Frames)>(
            """
            SELECT zones, started_at AS StartedAt, ended_at AS EndedAt, frames FROM broadcast_streams
            WHERE ended_at IS NOT NULL AND started_at >= @from AND started_at < @to
            """,
            new { from, to });
        var hours = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in streams)
        {
            // Frames sent × 20 ms is the audio on air; a stream without a frame count falls back to its wall time.
            var seconds = s.Frames is { } f ? f * 0.02 : Math.Max(0, s.EndedAt - s.StartedAt) / 1000.0;
            foreach (var zone in s.Zones.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (zones is null || zones.Contains(zone))
                {
                    hours[zone] = hours.GetValueOrDefault(zone) + (seconds / 3600.0);
                }
            }
        }

        return hours.OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new ZoneAirtime(h.Key, names.GetValueOrDefault(h.Key, h.Key), Math.Round(h.Value, 3)))
            .ToList();
    }

    private static List<EmergencyDelivery> Emergencies(SqliteConnection c, long from, long to, IReadOnlySet<string>? zones)
    {
        var rows = c.Query<(string Id, string Title, string Zones, long RequestedAt, long Targeted, long Played)>(
            """
            SELECT b.id, b.title, b.zones, b.requested_at AS RequestedAt,
                   (SELECT COUNT(DISTINCT d.device_id) FROM broadcast_deliveries d WHERE d.broadcast_id = b.id) AS Targeted,
                   (SELECT COUNT(DISTINCT d.device_id) FROM broadcast_deliveries d WHERE d.broadcast_id = b.id
                        AND (d.started_at IS NOT NULL OR d.status IN ('started', 'finished'))) AS Played
            FROM broadcasts b
            WHERE b.class = 'emergency' AND b.requested_at >= @from AND b.requested_at < @to
            ORDER BY b.requested_at, b.id
            """,
            new { from, to });
        return rows
            .Where(r => zones is null || r.Zones.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(zones.Contains))
            .Select(r => new EmergencyDelivery(
                DateTimeOffset.FromUnixTimeMilliseconds(r.RequestedAt), r.Title, (int)r.Targeted, (int)r.Played,
                r.Targeted == 0 ? 0 : Math.Round(100.0 * r.Played / r.Targeted, 1)))
            .ToList();
    }
}
