using TanKy.Protocol.Time;
using Xunit.Abstractions;

namespace TanKy.Protocol.Tests.Time;

/// <summary>
/// Evidence for the default filter and schedule: 2000 simulated nodes, clocks off by up to ±5 s
/// with up to ±50 ppm drift, request and reply delays independently uniform on 0–50 ms.
/// Figures are copied into hub/docs/protocol-audio.md §2.3.
/// </summary>
public sealed class ClockFilterSimulationTests(ITestOutputHelper output)
{
    private const int Nodes = 2000;
    private const int Seed = 2026;
    private const double DriftPpm = 50;
    private const long RequirementMicros = 2_000;

    private static readonly ClockFilterKind[] AllFilters = Enum.GetValues<ClockFilterKind>();

    private static readonly ClockSyncSchedule Schedule = ClockSyncSchedule.Default;

    [Fact]
    public void After_the_burst_and_a_few_rounds_only_one_way_bounds_meets_2_ms_p99()
    {
        var afterBurst = Schedule.BurstCount;
        var afterThreeRounds = Schedule.BurstCount + 3;
        var result = new ClockSyncSimulation(Schedule, Nodes, Seed, DriftPpm)
            .Run(AllFilters, [afterBurst, afterThreeRounds], ClockEstimatorOptions.Default);
        Report(result, [afterBurst, afterThreeRounds]);

        foreach (var checkpoint in new[] { afterBurst, afterThreeRounds })
        {
            var chosen = result[(ClockFilterKind.OneWayBounds, checkpoint)];
            chosen.P99.Should().BeLessThanOrEqualTo(RequirementMicros);
            foreach (var other in AllFilters.Where(f => f != ClockFilterKind.OneWayBounds))
            {
                result[(other, checkpoint)].P99.Should().BeGreaterThan(chosen.P99, $"{other} should not beat the chosen filter");
            }

            // Without a filter a single asymmetric exchange is off by up to 25 ms.
            result[(ClockFilterKind.Latest, checkpoint)].P99.Should().BeGreaterThan(RequirementMicros);
        }
    }

    [Fact]
    public void Steady_state_after_twenty_minutes_meets_2_ms_p99()
    {
        var steady = Schedule.BurstCount + Schedule.ConvergenceCount + 250;
        var result = new ClockSyncSimulation(Schedule, Nodes, Seed, DriftPpm)
            .Run([ClockFilterKind.OneWayBounds], [steady], ClockEstimatorOptions.Default);
        Report(result, [steady]);

        result[(ClockFilterKind.OneWayBounds, steady)].P99.Should().BeLessThanOrEqualTo(RequirementMicros);
    }

    [Fact]
    public void Clocks_without_drift_stay_within_2_ms_p99_at_every_stage()
    {
        int[] checkpoints = [.. new[] { 0, 3, 30, 90, 120, 150, 250 }.Select(k => Schedule.BurstCount + k)];
        var options = ClockEstimatorOptions.Default with { MaxDriftPpm = 0 };
        var result = new ClockSyncSimulation(Schedule, Nodes / 4, Seed, 0)
            .Run([ClockFilterKind.OneWayBounds], checkpoints, options);
        Report(result, checkpoints);

        foreach (var c in checkpoints)
        {
            result[(ClockFilterKind.OneWayBounds, c)].P99.Should().BeLessThanOrEqualTo(RequirementMicros);
        }
    }

    private void Report(IReadOnlyDictionary<(ClockFilterKind Filter, int Exchanges), ErrorStats> result, int[] checkpoints)
    {
        foreach (var c in checkpoints)
        {
            foreach (var ((filter, exchanges), stats) in result.Where(kv => kv.Key.Exchanges == c))
            {
                output.WriteLine($"{exchanges} exchanges ({Schedule.SendTime(c).TotalSeconds:0.0} s) {filter,-22} {stats}");
            }
        }
    }
}
