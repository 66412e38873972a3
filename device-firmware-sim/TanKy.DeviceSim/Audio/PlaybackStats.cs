namespace TanKy.DeviceSim.Audio;

/// <summary>
/// One stream as one node played it. Times are µs. Start fields are null until the first frame
/// plays; <see cref="Reason"/> is null while the stream is still playing.
/// </summary>
public sealed record PlaybackStats
{
    public required string StreamId { get; init; }

    public PlaybackClass Class { get; init; }

    /// <summary>Epoch of the play order, or of the first accepted message when the order had none.</summary>
    public uint? Epoch { get; init; }

    /// <summary>Hub-clock play-out time of the first frame played.</summary>
    public long? IntendedMicros { get; init; }

    /// <summary>Node clock when the first frame was handed to the sink.</summary>
    public long? ActualLocalMicros { get; init; }

    /// <summary><see cref="ActualLocalMicros"/> converted to hub time with the node's estimate.</summary>
    public long? ActualMicros { get; init; }

    /// <summary>Actual minus intended as the node sees it (what <c>error_us</c> reports).</summary>
    public long? StartErrorMicros => ActualMicros - IntendedMicros;

    /// <summary>
    /// Actual minus intended against the machine's own clock, which the stand-in hub and the
    /// benchmark use as the hub clock. Includes the clock-sync error the node cannot see itself.
    /// </summary>
    public long? TrueStartErrorMicros { get; init; }

    /// <summary>False when the first frame was placed with an estimate of fewer than 64 samples.</summary>
    public bool StartedSynchronised { get; init; }

    /// <summary>Frames decoded from their own packet.</summary>
    public int Played { get; init; }

    /// <summary>Frames filled by packet-loss concealment (missing, empty or undecodable packet).</summary>
    public int Concealed { get; init; }

    /// <summary>Missing frames recovered from the next packet's in-band FEC.</summary>
    public int Fec { get; init; }

    /// <summary>Frames dropped as late: arrived after their play-out time, or their slot passed while the node stalled.</summary>
    public int Late { get; init; }

    public PlaybackEndReason? Reason { get; init; }

    public bool HasStarted => ActualMicros is not null;
}
