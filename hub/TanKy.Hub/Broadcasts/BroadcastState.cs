using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// A broadcast the hub still plays or holds in a queue: its content, its live streams and the
/// tally of how its zones ended, from which its status follows. Guarded by the service's lock.
/// </summary>
internal sealed class BroadcastState(BroadcastRecord record, IAudioSource source)
{
    public BroadcastRecord Record { get; } = record;

    public string Id => Record.Id;

    public IAudioSource Source { get; } = source;

    public List<StreamSession> Sessions { get; } = [];

    /// <summary>The requested id of the first stream (scheduled airings); used once.</summary>
    public string? FirstStreamId { get; set; }

    /// <summary>
    /// Hub-clock µs at which the first sample (after pre-skip) must play (scheduled airings): no
    /// stream of the broadcast starts earlier (one planned later, e.g. resumed, is past it anyway).
    /// </summary>
    public long? FirstSoundAtUs { get; set; }

    public string Status { get; set; } = BroadcastStatus.Queued;

    /// <summary>True once a stream of the broadcast has been archived (the first one is).</summary>
    public bool Archived { get; set; }

    public int Finished { get; set; }

    public int Skipped { get; set; }

    public string? SkippedBy { get; set; }

    // Who stopped it: a user name, or "CAP <identifier>" (CapIntakeService.StoppedBy).
    private const string CapPrefix = "CAP ";

    public string? CancelledBy { get; set; }

    public string? FailedReason { get; set; }

    // The latest decision per zone: tells "waits to resume" (preempted) from "waits its turn" (queued).
    private Dictionary<string, DecisionKind> LastDecision { get; } = new(StringComparer.Ordinal);

    public void Count(ArbiterDecision d)
    {
        LastDecision[d.Zone] = d.Kind;
        switch (d.Kind)
        {
            case DecisionKind.Finished:
                Finished++;
                break;
            case DecisionKind.Skipped:
                Skipped++;
                SkippedBy = d.By;
                break;
            case DecisionKind.Failed:
                FailedReason ??= d.Reason;
                break;
            default:
                break;
        }
    }

    /// <summary>"Stopped by …" as a stored text message (a CAP cancel named as such), for the end reason and the decisions.</summary>
    public static string StoppedBy(string by) =>
        (by.StartsWith(CapPrefix, StringComparison.Ordinal)
            ? new TextMessage("api2.end.stopped-by-cap", by[CapPrefix.Length..])
            : new TextMessage("api2.end.stopped-by", by)).Encode();

    /// <summary>Status now, and the end reason when the broadcast is over (null while it plays or waits).</summary>
    public (string Status, string? EndReason) Evaluate(bool playsSomewhere, bool holdsZones)
    {
        if (playsSomewhere)
        {
            return (BroadcastStatus.Playing, null);
        }

        if (holdsZones && CancelledBy is null)
        {
            return (LastDecision.ContainsValue(DecisionKind.Preempted) ? BroadcastStatus.Preempted : BroadcastStatus.Queued, null);
        }

        if (CancelledBy is not null)
        {
            // Stored as a text key and its argument (TextMessage), shown in the reader's language.
            return (BroadcastStatus.Cancelled, StoppedBy(CancelledBy));
        }

        if (Finished > 0)
        {
            return (BroadcastStatus.Finished, (FailedReason is null
                ? new TextMessage("api2.end.finished", Finished)
                : new TextMessage("api2.end.finished-failed", Finished, FailedReason)).Encode());
        }

        return FailedReason is not null
            ? (BroadcastStatus.Failed, FailedReason)
            : (BroadcastStatus.Preempted, new TextMessage("api2.end.skipped", SkippedBy).Encode());
    }
}
