using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.Audio;

/// <summary>
/// What a real-clock test may bound on a loaded machine. A node's start error (what it reports)
/// is its wake-up lateness plus the error of its hub-clock estimate; lateness is the machine's
/// scheduling luck (real-time quality: the bench measures it), the estimate error is not. The
/// simulator knows its true clock (<see cref="PlaybackStats.TrueStartErrorMicros"/>), so the
/// estimate error is measured exactly: reported minus true start error, at the same instant.
/// </summary>
internal static class GroundTruth
{
    /// <summary>
    /// Bound on a node's hub-clock estimate error on loopback: the median of many exchanges with
    /// sub-millisecond round trips. Measured on this 2-core machine over six runs of these tests
    /// (three with stress-ng on both cores, three beside other builds): at most 0.32 ms, mostly under 0.05 ms.
    /// </summary>
    public const long ClockEstimateBoundMicros = 5_000;

    /// <summary>The node's hub-clock estimate error when its first frame played (its reported minus its true start error).</summary>
    public static long ClockEstimateErrorMicros(PlaybackStats played) =>
        played.StartErrorMicros!.Value - played.TrueStartErrorMicros!.Value;

    /// <summary>One line for the test output: what the node reported and the truth.</summary>
    public static string Describe(string node, PlaybackStats played) =>
        $"{node}: played {played.Played}, concealed {played.Concealed}, fec {played.Fec}, late {played.Late}, {played.Reason}; start error {played.StartErrorMicros} µs (true {played.TrueStartErrorMicros} µs, clock estimate {ClockEstimateErrorMicros(played)} µs)";
}
