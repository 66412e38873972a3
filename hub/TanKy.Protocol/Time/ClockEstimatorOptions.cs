namespace TanKy.Protocol.Time;

/// <summary>Settings of <see cref="ClockOffsetEstimator"/>; the defaults are the measured choice (protocol-audio.md §2.3).</summary>
public sealed record ClockEstimatorOptions
{
    public static ClockEstimatorOptions Default { get; } = new();

    public ClockFilterKind Filter { get; init; } = ClockFilterKind.OneWayBounds;

    /// <summary>Samples kept; the oldest leaves when a new one arrives. Must hold a whole connect burst.</summary>
    public int WindowSize { get; init; } = 256;

    /// <summary>Samples needed before <see cref="ClockOffsetEstimator.IsSynchronised"/> turns true.</summary>
    public int MinSamples { get; init; } = 64;

    /// <summary>k for <see cref="ClockFilterKind.MedianOfLowestDelays"/>.</summary>
    public int LowestDelayCount { get; init; } = 4;

    /// <summary>
    /// Largest clock drift the bounds filter considers, in ppm: the node crystal tolerance over
    /// temperature. A wider limit lets noise pass for drift (measured: 100 ppm costs accuracy
    /// in the first minutes); a narrower one turns real drift into bias.
    /// </summary>
    public double MaxDriftPpm { get; init; } = 50;

    /// <summary>Round trips longer than this are refused: such a reply is stale, not a measurement.</summary>
    public long MaxDelayMicros { get; init; } = 2_000_000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSamples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinSamples, WindowSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(LowestDelayCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDriftPpm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDelayMicros);
        if (!Enum.IsDefined(Filter))
        {
            throw new ArgumentOutOfRangeException(nameof(Filter), Filter, "unknown filter");
        }
    }
}
