namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>
/// One decision for one broadcast in one zone. <see cref="Offset"/> is the position in the
/// content: where playback starts (aired, resumed, restarted) or where it was cut (preempted).
/// <see cref="By"/> names the broadcast that caused it (the preemptor, the one queued behind).
/// </summary>
public sealed record ArbiterDecision(
    DecisionKind Kind,
    string BroadcastId,
    string Zone,
    DateTimeOffset At,
    TimeSpan Offset,
    string? By = null,
    string? Reason = null);
