namespace TanKy.Protocol.Time;

/// <summary>
/// The single-offset filters kept for comparison. They ignore drift: each returns one offset
/// taken from (or a median of) whole samples.
/// </summary>
internal static class SimpleClockFilters
{
    public static double Estimate(ClockFilterKind kind, ReadOnlySpan<ClockSample> samples, int lowestDelayCount) => kind switch
    {
        ClockFilterKind.Latest => samples[^1].OffsetMicros,
        ClockFilterKind.MedianOffset => MedianOffset(samples.ToArray()),
        ClockFilterKind.MinimumDelay => ByDelay(samples)[0].OffsetMicros,
        ClockFilterKind.MedianOfLowestDelays => MedianOffset(ByDelay(samples).AsSpan(0, Math.Min(lowestDelayCount, samples.Length))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a simple filter"),
    };

    private static ClockSample[] ByDelay(ReadOnlySpan<ClockSample> samples)
    {
        var sorted = samples.ToArray();
        Array.Sort(sorted, static (x, y) => x.DelayMicros.CompareTo(y.DelayMicros));
        return sorted;
    }

    private static double MedianOffset(ReadOnlySpan<ClockSample> samples)
    {
        var offsets = new long[samples.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = samples[i].OffsetMicros;
        }

        Array.Sort(offsets);
        var middle = offsets.Length / 2;
        return offsets.Length % 2 == 1 ? offsets[middle] : (offsets[middle - 1] + offsets[middle]) / 2.0;
    }
}
