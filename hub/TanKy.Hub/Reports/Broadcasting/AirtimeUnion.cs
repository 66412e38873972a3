namespace TanKy.Hub.Reports.Broadcasting;

/// <summary>
/// Seconds on air of a set of stretches within a window: overlapping stretches (two speakers of
/// one hamlet playing the same stream, or a stream that resumed) count once.
/// </summary>
internal static class AirtimeUnion
{
    public static double Seconds(IEnumerable<(long Start, long End)> stretches, long fromMs, long toMs)
    {
        var clipped = stretches
            .Select(s => (Start: Math.Max(s.Start, fromMs), End: Math.Min(s.End, toMs)))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start)
            .ToList();
        long total = 0, coveredTo = long.MinValue;
        foreach (var (start, end) in clipped)
        {
            var from = Math.Max(start, coveredTo);
            if (end > from)
            {
                total += end - from;
            }

            coveredTo = Math.Max(coveredTo, end);
        }

        return total / 1000.0;
    }
}
