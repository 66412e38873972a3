using TanKy.DeviceSim.Audio;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// The start-error bound on loopback, and how tests report the measured distribution. "Reported"
/// is what a node sends as error_us (its scheduling lateness seen through its own clock estimate);
/// "true" adds the clock-sync error, measured against the machine clock the stand-in hub uses.
/// </summary>
internal static class StartErrors
{
    /// <summary>
    /// |error| bound for every node. See the measurements in the test output: on loopback the
    /// timer lateness and the sync error stay far below this; 5 ms is the design goal at p99.
    /// </summary>
    public const long BoundMicros = 5_000;

    public static void Report(ITestOutputHelper output, IReadOnlyList<PlaybackStats> stats)
    {
        Line(output, "reported", stats.Select(s => s.StartErrorMicros!.Value));
        Line(output, "true", stats.Select(s => s.TrueStartErrorMicros!.Value));
    }

    public static void AssertWithinBound(IReadOnlyList<PlaybackStats> stats)
    {
        foreach (var s in stats)
        {
            Math.Abs(s.StartErrorMicros!.Value).Should().BeLessThanOrEqualTo(BoundMicros, "reported start error of {0}", s.StreamId);
            Math.Abs(s.TrueStartErrorMicros!.Value).Should().BeLessThanOrEqualTo(BoundMicros, "true start error of {0}", s.StreamId);
        }
    }

    private static void Line(ITestOutputHelper output, string what, IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        long At(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];
        output.WriteLine($"start error {what} (µs, n={sorted.Length}): min {sorted[0]} p50 {At(0.5)} p99 {At(0.99)} max {sorted[^1]}; all: {string.Join(' ', sorted)}");
    }
}
