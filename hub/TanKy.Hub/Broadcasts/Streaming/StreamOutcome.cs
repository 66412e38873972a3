namespace TanKy.Hub.Broadcasts.Streaming;

/// <summary>How a stream ended, the frames it published and the zones it still played in at its end.</summary>
internal sealed record StreamOutcome(StreamEnd End, long Frames, IReadOnlyList<string> RemainingZones, string Reason);

/// <summary>Why a stream ended.</summary>
internal enum StreamEnd
{
    /// <summary>All content played (end-of-stream sent, stop orders after its play-out).</summary>
    Completed,

    /// <summary>Stopped early: preempted in its last zone, cancelled, or the hub stopping.</summary>
    Cut,

    /// <summary>Source or encoding error; the zones it still held are failed.</summary>
    Failed,
}
