namespace TanKy.Protocol.Time;

/// <summary>
/// The <see cref="ClockFilterKind.OneWayBounds"/> filter. Sample i says offset(t1ᵢ) ≤ t2ᵢ − t1ᵢ
/// (the request cannot arrive before it left) and offset(t4ᵢ) ≥ t3ᵢ − t4ᵢ (nor the reply),
/// whatever the delays were. With offset(t) = α + β·(t − ref) and |β| ≤ max drift these are
/// half-planes in (α, β); the estimate is the centroid of the polygon they leave — the mean
/// of every line consistent with all samples. Only the smallest request delays and the smallest
/// reply delays shape the polygon, and those are small even when every exchange is asymmetric.
/// </summary>
/// <remarks>
/// The polygon is clipped from a rectangle one half-plane at a time (convex clipping), so the
/// cost is O(samples × vertices) with a handful of vertices: cheap enough for a microcontroller
/// once per exchange.
/// </remarks>
internal static class OneWayBoundsSolver
{
    // β is handled in ppm and times in seconds so α (µs) and β have similar magnitudes.
    private const double MicrosPerSecond = 1e6;

    /// <summary>Null when no line within the drift limit satisfies all samples (clock step, bad data).</summary>
    public static OffsetLine? Solve(ReadOnlySpan<ClockSample> samples, double maxDriftPpm)
    {
        // Replies may arrive out of order: refer to the latest receipt, not the last one added.
        var reference = long.MinValue;
        var oldest = long.MaxValue;
        foreach (var s in samples)
        {
            reference = Math.Max(reference, s.T4);
            oldest = Math.Min(oldest, s.T1);
        }

        // Work relative to one bound so doubles keep µs precision even for offsets of decades.
        var newest = samples[^1];
        var origin = newest.UpperBoundMicros;

        // Start from a rectangle that surely holds the answer: the newest sample's own bounds
        // widened by the largest drift over the whole window.
        var margin = (maxDriftPpm * Seconds(reference - oldest)) + 1;
        var (top, bottom) = (margin, newest.LowerBoundMicros - origin - margin);
        var polygon = new List<(double Alpha, double Beta)>
        {
            (bottom, -maxDriftPpm), (top, -maxDriftPpm), (top, maxDriftPpm), (bottom, maxDriftPpm),
        };

        foreach (var s in samples)
        {
            // α + β·d ≤ upper, and −α − β·d ≤ −lower.
            polygon = Clip(polygon, 1, Seconds(s.T1 - reference), s.UpperBoundMicros - origin);
            polygon = Clip(polygon, -1, -Seconds(s.T4 - reference), origin - s.LowerBoundMicros);
            if (polygon.Count == 0)
            {
                return null;
            }
        }

        var (alpha, beta) = Centroid(polygon);
        var (low, high) = (polygon.Min(p => p.Alpha), polygon.Max(p => p.Alpha));
        return new OffsetLine(origin + alpha, beta / MicrosPerSecond, (high - low) / 2, reference);
    }

    private static double Seconds(long micros) => micros / MicrosPerSecond;

    /// <summary>Keeps the part of a convex polygon where sign·α + d·β ≤ limit.</summary>
    private static List<(double Alpha, double Beta)> Clip(List<(double Alpha, double Beta)> polygon, double sign, double d, double limit)
    {
        var kept = new List<(double Alpha, double Beta)>(polygon.Count + 1);
        for (var i = 0; i < polygon.Count; i++)
        {
            var p = polygon[i];
            var q = polygon[(i + 1) % polygon.Count];
            var fp = (sign * p.Alpha) + (d * p.Beta) - limit;
            var fq = (sign * q.Alpha) + (d * q.Beta) - limit;
            if (fp <= 0)
            {
                kept.Add(p);
            }

            if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0))
            {
                var t = fp / (fp - fq);
                kept.Add((p.Alpha + (t * (q.Alpha - p.Alpha)), p.Beta + (t * (q.Beta - p.Beta))));
            }
        }

        return kept;
    }

    private static (double Alpha, double Beta) Centroid(List<(double Alpha, double Beta)> polygon)
    {
        double area = 0, alpha = 0, beta = 0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var p = polygon[i];
            var q = polygon[(i + 1) % polygon.Count];
            var cross = (p.Alpha * q.Beta) - (q.Alpha * p.Beta);
            area += cross;
            alpha += (p.Alpha + q.Alpha) * cross;
            beta += (p.Beta + q.Beta) * cross;
        }

        if (Math.Abs(area) < 1e-12)
        {
            // Degenerate (a segment or a point): the mean of its vertices is as central as it gets.
            return (polygon.Average(p => p.Alpha), polygon.Average(p => p.Beta));
        }

        return (alpha / (3 * area), beta / (3 * area));
    }
}
