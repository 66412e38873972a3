namespace TanKy.Hub.Broadcasts;

/// <summary>Status of a broadcast as stored in <c>broadcasts.status</c>.</summary>
public static class BroadcastStatus
{
    /// <summary>Waits in every zone it targets; has not aired yet.</summary>
    public const string Queued = "queued";

    /// <summary>Plays in at least one zone.</summary>
    public const string Playing = "playing";

    /// <summary>Cut everywhere by a higher class: waits to resume, or (ended) was skipped.</summary>
    public const string Preempted = "preempted";

    public const string Finished = "finished";

    public const string Cancelled = "cancelled";

    public const string Failed = "failed";
}
