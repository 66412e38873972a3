using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Reports.Broadcasting;

/// <summary>
/// The report's broadcasting figures from the hub's own history: programmes planned vs aired
/// from <c>programme_history</c>; time on air per hamlet and emergency delivery from what each
/// speaker reported (<c>broadcast_deliveries</c>, filled by its playback events), the source of the
/// delivery report too, with its rule for "played" (<see cref="PlaybackHeard"/>). A higher class
/// that takes one hamlet of a multi-hamlet broadcast shortens only that hamlet's airtime, because
/// only its speakers stopped. A period is [From, To) by occurrence (programmes), played stretch
/// clipped to the period (airtime) or request time (emergencies).
/// </summary>
internal sealed class BroadcastHistoryStatistics(Database db, TimeProvider time) : IBroadcastStatistics
{
    /// <summary>Outcomes that count as "not planned to air": a holiday removed the airing.</summary>
    private const string NotPlanned = "('skipped-holiday')";

    public BroadcastSummary Summarise(ReportPeriod period, IReadOnlySet<string>? zones)
    {
        ArgumentNullException.ThrowIfNull(period);
        var from = period.From.ToUnixTimeMilliseconds();
        var to = Math.Min(period.To.ToUnixTimeMilliseconds(), time.GetUtcNow().ToUnixTimeMilliseconds());
        using var c = db.Open();
        var names = c.Query<(string Id, string Name)>("SELECT id, name FROM zones ORDER BY id").ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        var (planned, aired) = Programmes(c, from, period.To.ToUnixTimeMilliseconds(), zones);
        var airtime = Airtime(c, from, to, zones, names);
        var emergencies = Emergencies(c, from, period.To.ToUnixTimeMilliseconds(), to, zones, names);
        return new BroadcastSummary(true, "", planned, aired, airtime, emergencies);
    }

    private static (int Planned, int Aired) Programmes(SqliteConnection c, long from, long to, IReadOnlySet<string>? zones)
    {
        var rows = c.Query<(string Zone, string Outcome)>(
            $"SELECT zone, outcome FROM programme_history WHERE occurrence_at >= @from AND occurrence_at < @to AND outcome NOT IN {NotPlanned}",
            new { from, to }).Where(r => zones is null || zones.Contains(r.Zone)).ToList();
        return (rows.Count, rows.Count(r => r.Outcome == "aired"));
    }

    /// <summary>Every hamlet in scope, with 0 when nothing played there.</summary>
    private static List<ZoneAirtime> Airtime(SqliteConnection c, long from, long to, IReadOnlySet<string>? zones, Dictionary<string, string> names)
    {
        var rows = c.Query<PlayedStretch>(
            """
            SELECT d.broadcast_id AS BroadcastId, d.device_id AS DeviceId, d.zone AS Zone, d.started_at AS StartedAt,
                   d.finished_at AS FinishedAt, d.frames_played AS FramesPlayed, s.ended_at AS StreamEndedAt
            FROM broadcast_deliveries d JOIN broadcast_streams s ON s.stream_id = d.stream_id
            WHERE s.started_at < @to AND (s.ended_at IS NULL OR s.ended_at >= @from)
            """,
            new { from, to });
        var byZone = rows
            .Select(r => (r.Zone, Stretch: PlaybackHeard.Interval(r.StartedAt, r.FinishedAt, r.FramesPlayed, r.StreamEndedAt, to)))
            .Where(r => r.Stretch is not null)
            .ToLookup(r => r.Zone, r => r.Stretch!.Value, StringComparer.Ordinal);
        var inScope = names.Keys.Concat(byZone.Select(g => g.Key)).Distinct(StringComparer.Ordinal)
            .Where(z => zones is null || zones.Contains(z))
            .Order(StringComparer.Ordinal);
        return inScope
            .Select(z => new ZoneAirtime(z, names.GetValueOrDefault(z, z), Math.Round(AirtimeUnion.Seconds(byZone[z], from, to), 1)))
            .ToList();
    }

    private static List<EmergencyDelivery> Emergencies(SqliteConnection c, long from, long periodTo, long now, IReadOnlySet<string>? zones, Dictionary<string, string> names)
    {
        var broadcasts = c.Query<(string Id, string Title, string Zones, long RequestedAt)>(
            """
            SELECT id, title, zones, requested_at AS RequestedAt FROM broadcasts
            WHERE class = 'emergency' AND requested_at >= @from AND requested_at < @periodTo
            ORDER BY requested_at, id
            """,
            new { from, periodTo })
            .Where(b => zones is null || Split(b.Zones).Any(zones.Contains))
            .ToList();
        var rows = c.Query<PlayedStretch>(
            """
            SELECT d.broadcast_id AS BroadcastId, d.device_id AS DeviceId, d.zone AS Zone, d.started_at AS StartedAt,
                   d.finished_at AS FinishedAt, d.frames_played AS FramesPlayed, s.ended_at AS StreamEndedAt
            FROM broadcast_deliveries d JOIN broadcast_streams s ON s.stream_id = d.stream_id
            JOIN broadcasts b ON b.id = d.broadcast_id
            WHERE b.class = 'emergency' AND b.requested_at >= @from AND b.requested_at < @periodTo
            """,
            new { from, periodTo }).ToLookup(r => r.BroadcastId, StringComparer.Ordinal);
        return broadcasts.Select(b => Delivery(b.Id, b.Title, b.Zones, b.RequestedAt, rows[b.Id].ToList(), now, names)).ToList();
    }

    private static EmergencyDelivery Delivery(string id, string title, string zoneList, long requestedAt, List<PlayedStretch> rows, long now, Dictionary<string, string> names)
    {
        var targeted = rows.Select(r => r.DeviceId).Distinct(StringComparer.Ordinal).Count();
        var played = rows.Where(r => PlaybackHeard.Played(r.StartedAt, r.FramesPlayed)).Select(r => r.DeviceId).Distinct(StringComparer.Ordinal).Count();
        var longest = rows.GroupBy(r => r.DeviceId, StringComparer.Ordinal)
            .Select(g => AirtimeUnion.Seconds(
                g.Select(r => PlaybackHeard.Interval(r.StartedAt, r.FinishedAt, r.FramesPlayed, r.StreamEndedAt, now)).Where(s => s is not null).Select(s => s!.Value),
                long.MinValue,
                long.MaxValue))
            .DefaultIfEmpty(0).Max();
        var zoneNames = string.Join(", ", Split(zoneList).Select(z => names.GetValueOrDefault(z, z)));
        return new EmergencyDelivery(
            DateTimeOffset.FromUnixTimeMilliseconds(requestedAt), title, zoneNames, targeted, played,
            targeted == 0 ? 0 : Math.Round(100.0 * played / targeted, 1), Math.Round(longest, 1));
    }

    private static string[] Split(string zones) => zones.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
