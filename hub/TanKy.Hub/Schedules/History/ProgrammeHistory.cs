using Dapper;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules.History;

/// <summary>
/// Planned vs aired, per occurrence and zone. The scheduler writes <c>planned</c>,
/// <c>skipped-holiday</c>, <c>fired</c> and <c>skipped-misfire</c>; the broadcasts side calls
/// <see cref="RecordOutcome"/> with <c>aired</c> or <c>preempted</c> once it knows.
/// </summary>
internal sealed class ProgrammeHistory(Database db, TimeProvider time)
{
    public void Plan(IEnumerable<Occurrence> occurrences)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var now = Now();
        foreach (var o in occurrences)
        {
            foreach (var zone in o.Zones)
            {
                c.Execute(
                    """
                    INSERT INTO programme_history(programme_id, occurrence_at, zone, title, class, planned_at, outcome, reason, airing_id, updated_at)
                    VALUES (@id, @at, @zone, @title, @cls, @now, @outcome, @reason, @airing, @now)
                    ON CONFLICT DO NOTHING
                    """,
                    new
                    {
                        id = o.Programme.Id, at = o.Start.ToUnixTimeMilliseconds(), zone, title = o.Programme.Title, cls = o.Programme.Class.ToString().ToLowerInvariant(), now,
                        outcome = o.SkippedBy is null ? HistoryOutcome.Planned : HistoryOutcome.SkippedHoliday, reason = o.SkippedBy,
                        airing = OccurrenceKeys.AiringId(o.Programme.Id, o.Start),
                    },
                    tx);
            }
        }

        tx.Commit();
    }

    /// <summary>Forgets future plans that a reload removed (they were never meant to air).</summary>
    public int Unplan(string programmeId, DateTimeOffset start)
    {
        using var c = db.Open();
        return c.Execute(
            "DELETE FROM programme_history WHERE programme_id = @programmeId AND occurrence_at = @at AND outcome IN ('planned', 'skipped-holiday')",
            new { programmeId, at = start.ToUnixTimeMilliseconds() });
    }

    /// <summary>The job fired: <c>fired</c> with the broadcast id, or a skip/failure with its reason, for every zone of the airing.</summary>
    public void Fired(ScheduledAiring airing, string outcome, string? broadcastId, string? reason)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var now = Now();
        foreach (var zone in airing.Zones)
        {
            c.Execute(
                """
                INSERT INTO programme_history(programme_id, occurrence_at, zone, title, class, planned_at, fired_at, outcome, reason, airing_id, broadcast_id, updated_at)
                VALUES (@ProgrammeId, @at, @zone, @Title, @cls, @now, @now, @outcome, @reason, @AiringId, @broadcastId, @now)
                ON CONFLICT DO UPDATE SET fired_at = excluded.fired_at, outcome = excluded.outcome, reason = excluded.reason,
                    broadcast_id = excluded.broadcast_id, updated_at = excluded.updated_at
                """,
                new { airing.ProgrammeId, at = airing.Start.ToUnixTimeMilliseconds(), zone, airing.Title, cls = airing.Class.ToString().ToLowerInvariant(), now, outcome, reason, airing.AiringId, broadcastId },
                tx);
        }

        tx.Commit();
    }

    /// <summary>
    /// For the broadcasts side: what finally happened in one zone (<c>aired</c>, <c>preempted</c>…).
    /// Returns false for an unknown airing, or when <paramref name="broadcastId"/> is given and the
    /// zone has moved on to another broadcast meanwhile (a relay continued live after a preemption).
    /// </summary>
    public bool RecordOutcome(string airingId, string zone, string outcome, string? reason, string? broadcastId = null)
    {
        using var c = db.Open();
        return c.Execute(
            "UPDATE programme_history SET outcome = @outcome, reason = @reason, updated_at = @now WHERE airing_id = @airingId AND zone = @zone AND (@broadcastId IS NULL OR broadcast_id = @broadcastId)",
            new { airingId, zone, outcome, reason, broadcastId, now = Now() }) > 0;
    }

    /// <summary>A relay cut in <paramref name="zone"/> goes on live as <paramref name="broadcastId"/>: the zone is <c>fired</c> again, with why.</summary>
    public void Continued(string airingId, string zone, string broadcastId, string? reason)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE programme_history SET outcome = 'fired', broadcast_id = @broadcastId, reason = @reason, updated_at = @now WHERE airing_id = @airingId AND zone = @zone",
            new { airingId, zone, broadcastId, reason, now = Now() });
    }

    /// <summary>How long a relay has actually relayed in <paramref name="zone"/> so far (all its parts).</summary>
    public void Relayed(string airingId, string zone, TimeSpan relayed)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE programme_history SET relayed_ms = @ms, updated_at = @now WHERE airing_id = @airingId AND zone = @zone",
            new { airingId, zone, ms = (long)relayed.TotalMilliseconds, now = Now() });
    }

    public IReadOnlyList<HistoryRow> Between(DateTimeOffset from, DateTimeOffset to, string? zone = null)
    {
        using var c = db.Open();
        return c.Query<HistoryRow>(
            """
            SELECT programme_id AS ProgrammeId, occurrence_at AS OccurrenceAt, zone, title, class, planned_at AS PlannedAt, fired_at AS FiredAt,
                   outcome, reason, airing_id AS AiringId, broadcast_id AS BroadcastId, relayed_ms AS RelayedMs
            FROM programme_history WHERE occurrence_at >= @from AND occurrence_at < @to AND (@zone IS NULL OR zone = @zone)
            ORDER BY occurrence_at, zone, programme_id
            """,
            new { from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds(), zone }).ToList();
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
