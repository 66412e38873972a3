using Microsoft.Extensions.Logging;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Parsing;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Scheduling;

/// <summary>
/// What happens when an occurrence's trigger fires, on time or late after a restart: stale
/// occurrences are dropped, late ones play only within their <c>play_late_within</c> (otherwise
/// skipped and recorded), the rest go to the player or the device-action runner.
/// </summary>
internal sealed class OccurrenceDispatcher(
    IProgrammePlayer player,
    IDeviceActionRunner actions,
    SchedulePlan plan,
    ProgrammeHistory history,
    TimeProvider time,
    ILogger<OccurrenceDispatcher> log)
{
    internal async Task FireAsync(OccurrenceTicket ticket, CancellationToken ct)
    {
        if (!plan.IsCurrent(ticket))
        {
            log.LogInformation("Occurrence {Key} no longer belongs to the programme (reloaded); not played", ticket.Key);
            return;
        }

        var late = time.GetUtcNow() - ticket.Start;
        late = late < TimeSpan.Zero ? TimeSpan.Zero : late;
        var misfire = new MisfireInfo(late, ticket.LateAllowed);
        if (late > ticket.LateAllowed)
        {
            var reason = HistoryReason.Of("sched2.reason.misfire", DurationText.Format(Round(late)), DurationText.Format(ticket.LateAllowed));
            log.LogWarning("Skipping {Key}: fired {Late} late, play_late_within is {Allowed}", ticket.Key, late, ticket.LateAllowed);
            if (ticket.Airing is { } skipped)
            {
                history.Fired(skipped with { Misfire = misfire }, HistoryOutcome.SkippedMisfire, null, reason);
            }

            return;
        }

        if (ticket.Action is { } action)
        {
            await RunActionAsync(action with { Set = action.Set.DeepClone().AsObject(), Misfire = misfire }, ct);
            return;
        }

        await PlayAsync(ticket.Airing! with { Misfire = misfire }, ct);
    }

    private async Task PlayAsync(ScheduledAiring airing, CancellationToken ct)
    {
        try
        {
            var broadcastId = await player.StartAsync(airing, ct);
            var note = airing.Misfire.IsLate ? HistoryReason.Of("sched2.reason.played-late", DurationText.Format(Round(airing.Misfire.Late))) : null;
            history.Fired(airing, HistoryOutcome.Fired, broadcastId, note);
            log.LogInformation("Started {AiringId} ({Title}) in {Zones} as broadcast {BroadcastId}", airing.AiringId, airing.Title, string.Join(",", airing.Zones), broadcastId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reason of the hub's own is said in the reader's language; an exception's words stay in the log.
            history.Fired(airing, HistoryOutcome.Failed, null, ex is ILocalizedError localized ? localized.Text.Encode() : HistoryReason.Of("sched2.reason.start-failed"));
            log.LogError(ex, "Could not start {AiringId} ({Title})", airing.AiringId, airing.Title);
        }
    }

    private async Task RunActionAsync(ScheduledDeviceAction action, CancellationToken ct)
    {
        try
        {
            await actions.RunAsync(action, ct);
            log.LogInformation("Ran scheduled device action {Action} at {At}", action.ActionId, action.At);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Scheduled device action {Action} failed", action.ActionId);
        }
    }

    private static TimeSpan Round(TimeSpan t) => TimeSpan.FromSeconds(Math.Round(t.TotalSeconds));
}
