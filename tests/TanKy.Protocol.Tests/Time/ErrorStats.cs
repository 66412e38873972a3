namespace TanKy.Protocol.Tests.Time;

/// <summary>p50 / p99 / max of absolute errors in µs (nearest-rank percentiles).</summary>
internal readonly record struct ErrorStats(long P50, long P99, long Max)
{
    public static ErrorStats Of(IEnumerable<long> errors)
    {
        var sorted = errors.Select(Math.Abs).Order().ToArray();
        return new ErrorStats(Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    public override string ToString() => $"p50 {P50 / 1000.0:0.00} ms, p99 {P99 / 1000.0:0.00} ms, max {Max / 1000.0:0.00} ms";

    private static long Rank(long[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
}
