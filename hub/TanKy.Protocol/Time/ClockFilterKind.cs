namespace TanKy.Protocol.Time;

/// <summary>
/// How <see cref="ClockOffsetEstimator"/> turns its window of samples into one offset. Only
/// <see cref="OneWayBounds"/> meets the 2 ms requirement; the others stay for comparison
/// (hub/docs/protocol-audio.md §2.3 has the measurements).
/// </summary>
public enum ClockFilterKind
{
    /// <summary>The newest sample alone: what a node without a filter would do.</summary>
    Latest,

    /// <summary>Median of the window's offsets.</summary>
    MedianOffset,

    /// <summary>Offset of the sample with the smallest round-trip delay (NTP clock filter).</summary>
    MinimumDelay,

    /// <summary>Median offset of the k samples with the smallest round-trip delay.</summary>
    MedianOfLowestDelays,

    /// <summary>
    /// Each sample bounds the offset from both sides (it lies between t3 − t4 and t2 − t1); the
    /// estimate is the middle of the tightest line (offset + drift) inside all those bounds.
    /// </summary>
    OneWayBounds,
}
