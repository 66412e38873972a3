using TanKy.DeviceSim.Audio;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// How tests report start errors, and the one part of them an end-to-end test can bound on a
/// loaded machine. "Reported" is what a node sends as error_us (its scheduling lateness seen
/// through its own clock estimate); "true" adds the clock-sync error, measured against the machine
/// clock the stand-in hub uses. Both include how late the node's thread woke: on a loaded 2-core
/// machine that is tens of ms (measured: 18 ms for 9 of 10 nodes while other builds ran), so they
/// are reported here and measured in the bench. Their difference, the clock-sync error, is not.
/// </summary>
internal static class StartErrors
{
    /// <summary>5 ms: the design's start-error goal (p99), here the bound of the clock-sync part alone.</summary>
    public const long BoundMicros = 5_000;

    public static void Report(ITestOutputHelper output, IReadOnlyList<PlaybackStats> stats)
    {
        Line(output, "reported", stats.Select(s => s.StartErrorMicros!.Value));
        Line(output, "true", stats.Select(s => s.TrueStartErrorMicros!.Value));
        Line(output, "clock sync", stats.Select(ClockErrorMicros));
    }

    /// <summary>
    /// The hub clock minus the node's estimate of it when the node started playing: the true start
    /// error minus the one the node saw. Both were taken at that instant, so a late wake cancels out.
    /// </summary>
    public static long ClockErrorMicros(PlaybackStats s) => s.TrueStartErrorMicros!.Value - s.StartErrorMicros!.Value;

    private static void Line(ITestOutputHelper output, string what, IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        long At(double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];
        output.WriteLine($"start error {what} (µs, n={sorted.Length}): min {sorted[0]} p50 {At(0.5)} p99 {At(0.99)} max {sorted[^1]}; all: {string.Join(' ', sorted)}");
    }
}
