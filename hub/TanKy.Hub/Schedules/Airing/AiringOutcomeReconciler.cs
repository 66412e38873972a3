using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Schedules.Scheduling;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// Settles the history of fired airings from the broadcast tables: every
/// <see cref="AiringOutcomeReconcilerOptions.OutcomeInterval"/> it reads the arbiter's decisions for each
/// zone still marked <c>fired</c> and, when the last one is final, records the outcome through
/// <see cref="ProgrammeHistory.RecordOutcome"/>. Reading the tables (not a callback) also settles
/// airings a restart interrupted: the broadcast store marks those failed on start. Before its
/// first pass it gives each airing a previous run left on the air (killed, power cut) back to
/// the dispatcher, which plays it again from the start if it is still within its
/// <c>play_late_within</c> and records it skipped-misfire otherwise — the misfire policy.
/// </summary>
internal sealed class AiringOutcomeReconciler(
    Database db,
    ProgrammeHistory history,
    ProgrammeStore store,
    OccurrenceDispatcher dispatcher,
    TimeProvider time,
    IOptions<AiringOutcomeReconcilerOptions> options,
    ILogger<AiringOutcomeReconciler> log) : BackgroundService
{
    // Rows fired before this run started belong to a run that is gone.
    private readonly DateTimeOffset _start = time.GetUtcNow();

    /// <summary>One pass; returns how many (airing, zone) rows were settled.</summary>
    public int ReconcileOnce()
    {
        List<Pending> pending;
        using (var c = db.Open())
        {
            pending = c.Query<Pending>(
                """
                SELECT h.airing_id AS AiringId, h.zone AS Zone, h.broadcast_id AS BroadcastId, h.reason AS Reason
                FROM programme_history h JOIN broadcasts b ON b.id = h.broadcast_id
                WHERE h.outcome = 'fired'
                """).ToList();
        }

        var settled = SettleStartedBeforeRestart();
        foreach (var p in pending)
        {
            // A broadcast a restart cut while it was on the air ended failed with the zone's last
            // decision still "aired": the broadcast's own end settles it then.
            var decisions = Decisions(p.BroadcastId, p.Zone);
            var outcome = AiringOutcomeRules.Decide(decisions, p.Reason) ?? (FailedReason(p.BroadcastId) is { } failed ? (HistoryOutcome.Failed, failed) : null);
            if (outcome is { } o && history.RecordOutcome(p.AiringId, p.Zone, o.Item1, o.Item2, p.BroadcastId))
            {
                log.LogInformation("Airing {AiringId} in {Zone}: {Outcome} ({Reason})", p.AiringId, p.Zone, o.Item1, o.Item2);
                settled++;
            }
        }

        return settled;
    }

    /// <summary>
    /// Airings a previous run fired but was killed before it handed them to the broadcaster: no
    /// broadcast will ever settle them, so they are recorded failed with the reason.
    /// </summary>
    private int SettleStartedBeforeRestart()
    {
        using var c = db.Open();
        var orphans = c.Query<(string AiringId, string Zone)>(
            "SELECT airing_id, zone FROM programme_history WHERE outcome = 'fired' AND broadcast_id IS NULL AND fired_at < @start",
            new { start = _start.ToUnixTimeMilliseconds() }).ToList();
        var settled = 0;
        foreach (var (airingId, zone) in orphans)
        {
            if (history.RecordOutcome(airingId, zone, HistoryOutcome.Failed, HistoryReason.Of("sched2.reason.hub-stopped")))
            {
                log.LogWarning("Airing {AiringId} in {Zone} was fired by a previous run that stopped before it started; recorded as failed", airingId, zone);
                settled++;
            }
        }

        return settled;
    }

    /// <summary>
    /// Airings a previous run fired and never saw to a final outcome in any zone, dispatched again
    /// as late occurrences of the current programme. Returns how many were dispatched.
    /// </summary>
    public async Task<int> ReplayInterruptedAsync(CancellationToken ct)
    {
        if (store.Current is not { } set)
        {
            return 0;
        }

        List<(string ProgrammeId, long OccurrenceAt, string Zone, string? BroadcastId, string? Reason)> rows;
        using (var c = db.Open())
        {
            rows = c.Query<(string, long, string, string?, string?)>(
                "SELECT programme_id, occurrence_at, zone, broadcast_id, reason FROM programme_history WHERE outcome = 'fired' AND fired_at < @start",
                new { start = _start.ToUnixTimeMilliseconds() }).ToList();
        }

        var replayed = 0;
        foreach (var airing in rows.GroupBy(r => (r.ProgrammeId, r.OccurrenceAt)))
        {
            // A zone that reached a final outcome (aired, preempted…) before the kill: not interrupted.
            if (airing.Any(r => r.BroadcastId is { } b && AiringOutcomeRules.Decide(Decisions(b, r.Zone), r.Reason) is not null))
            {
                continue;
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds(airing.Key.OccurrenceAt);
            var occurrence = OccurrenceExpander.Expand(set, at, at.AddMilliseconds(1)).FirstOrDefault(o => o.Programme.Id == airing.Key.ProgrammeId);
            if (occurrence is null)
            {
                continue; // no longer in the programme: settled failed below
            }

            log.LogWarning("Airing {Programme} of {At} was on the air when the previous run stopped; dispatching it again under its misfire policy", airing.Key.ProgrammeId, at);
            await dispatcher.FireAsync(OccurrenceTicket.For(occurrence), ct);
            replayed++;
        }

        return replayed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReplayInterruptedAsync(stoppingToken);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            log.LogWarning(e, "Could not replay airings interrupted by the previous run");
        }

        using var timer = new PeriodicTimer(options.Value.OutcomeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    ReconcileOnce();
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
                {
                    log.LogWarning(e, "Could not settle airing outcomes; will retry");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<AiringDecision> Decisions(string broadcastId, string zone)
    {
        using var c = db.Open();
        return c.Query<AiringDecision>(
            "SELECT decision, offset_ms AS OffsetMs, by_broadcast AS ByBroadcast, reason FROM broadcast_decisions WHERE broadcast_id = @broadcastId AND zone = @zone ORDER BY id",
            new { broadcastId, zone }).ToList();
    }

    // A broadcast that ended without any decision in the zone (e.g. failed at a restart).
    private string? FailedReason(string broadcastId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<string?>(
            "SELECT COALESCE(end_reason, status) FROM broadcasts WHERE id = @broadcastId AND ended_at IS NOT NULL AND status IN ('failed', 'cancelled')",
            new { broadcastId });
    }

    private sealed record Pending(string AiringId, string Zone, string BroadcastId, string? Reason);
}
