namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>Wire names of <see cref="DecisionKind"/>: the lower-case member name.</summary>
public static class DecisionKinds
{
    public static string ToWire(this DecisionKind kind) => kind switch
    {
        DecisionKind.Queued => "queued",
        DecisionKind.Aired => "aired",
        DecisionKind.Preempted => "preempted",
        DecisionKind.Resumed => "resumed",
        DecisionKind.Restarted => "restarted",
        DecisionKind.Skipped => "skipped",
        DecisionKind.Finished => "finished",
        DecisionKind.Cancelled => "cancelled",
        DecisionKind.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>True when the decision makes the broadcast start sounding in the zone.</summary>
    public static bool StartsPlayback(this DecisionKind kind) => kind is DecisionKind.Aired or DecisionKind.Resumed or DecisionKind.Restarted;
}
