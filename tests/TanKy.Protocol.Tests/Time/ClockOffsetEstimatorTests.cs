using TanKy.Protocol.Time;

namespace TanKy.Protocol.Tests.Time;

public sealed class ClockOffsetEstimatorTests
{
    [Fact]
    public void Sample_offset_and_delay_follow_the_ntp_formulas()
    {
        // Node 1 000 µs behind the hub; request 3 000 µs, processing 500 µs, reply 7 000 µs.
        var s = new ClockSample(T1: 10_000, T2: 14_000, T3: 14_500, T4: 20_500);
        s.OffsetMicros.Should().Be(-1_000); // ((4000) + (−6000)) / 2: asymmetry shows as −2 000 error
        s.DelayMicros.Should().Be(10_000);
        s.UpperBoundMicros.Should().Be(4_000);
        s.LowerBoundMicros.Should().Be(-6_000);
    }

    [Fact]
    public void Symmetric_exchanges_give_the_exact_offset_and_conversions_invert()
    {
        var estimator = new ClockOffsetEstimator();
        const long offset = 3_250_000; // hub ahead of node by 3.25 s
        for (long i = 0; i < 10; i++)
        {
            var t1 = 1_000_000 + (i * 10_000);
            estimator.Add(t1, t1 + offset + 4_000, t1 + offset + 5_000, t1 + 9_000).Should().BeTrue();
        }

        estimator.OffsetMicros.Should().Be(offset);
        estimator.ToHub(5_000_000).Should().Be(5_000_000 + offset);
        estimator.ToLocal(estimator.ToHub(7_777_777)).Should().Be(7_777_777);
    }

    [Fact]
    public void Is_synchronised_only_after_enough_samples()
    {
        var estimator = new ClockOffsetEstimator(ClockEstimatorOptions.Default with { MinSamples = 3 });
        estimator.IsSynchronised.Should().BeFalse();
        estimator.Add(0, 10, 11, 20);
        estimator.Add(100, 110, 111, 120);
        estimator.IsSynchronised.Should().BeFalse();
        estimator.Add(200, 210, 211, 220);
        estimator.IsSynchronised.Should().BeTrue();
    }

    [Fact]
    public void Implausible_samples_are_refused()
    {
        var estimator = new ClockOffsetEstimator();
        estimator.Add(100, 50, 60, 90).Should().BeFalse("t4 before t1");
        estimator.Add(100, 60, 50, 200).Should().BeFalse("t3 before t2");
        estimator.Add(0, 0, 0, 3_000_000).Should().BeFalse("a 3 s round trip is stale");
        estimator.Count.Should().Be(0);
        FluentActions.Invoking(() => estimator.OffsetMicros).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Window_keeps_only_the_newest_samples()
    {
        var estimator = new ClockOffsetEstimator(ClockEstimatorOptions.Default with { WindowSize = 4, MinSamples = 4 });
        for (long i = 0; i < 10; i++)
        {
            estimator.Add(i * 1000, (i * 1000) + 10, (i * 1000) + 11, (i * 1000) + 20);
        }

        estimator.Count.Should().Be(4);
    }

    [Fact]
    public void A_stepped_node_clock_makes_old_samples_give_way()
    {
        var estimator = new ClockOffsetEstimator();
        for (long i = 0; i < 20; i++)
        {
            var t1 = i * 100_000;
            estimator.Add(t1, t1 + 2_000, t1 + 2_500, t1 + 4_500);
        }

        estimator.OffsetMicros.Should().Be(0);

        // The node's clock jumps forward 1 s: offsets now say −1 s, incompatible with any drift.
        for (long i = 20; i < 25; i++)
        {
            var t1 = (i * 100_000) + 1_000_000;
            estimator.Add(t1, t1 - 1_000_000 + 2_000, t1 - 1_000_000 + 2_500, t1 + 4_500);
        }

        estimator.OffsetMicros.Should().Be(-1_000_000);
        estimator.Count.Should().Be(5);
    }

    [Theory]
    [InlineData(ClockFilterKind.Latest, 300)]
    [InlineData(ClockFilterKind.MedianOffset, 200)]
    [InlineData(ClockFilterKind.MinimumDelay, 100)]
    [InlineData(ClockFilterKind.MedianOfLowestDelays, 150)]
    public void Simple_filters_pick_what_their_names_say(ClockFilterKind filter, long expected)
    {
        var estimator = new ClockOffsetEstimator(ClockEstimatorOptions.Default with { Filter = filter, LowestDelayCount = 2 });

        // Offsets 100, 200, 300 with delays 10, 30, 50 µs.
        estimator.Add(new ClockSample(0, 105, 105, 10));
        estimator.Add(new ClockSample(1000, 1215, 1215, 1030));
        estimator.Add(new ClockSample(2000, 2325, 2325, 2050));

        estimator.OffsetMicros.Should().Be(expected);
    }

    [Fact]
    public void Options_are_validated()
    {
        FluentActions.Invoking(() => new ClockOffsetEstimator(new ClockEstimatorOptions { WindowSize = 4, MinSamples = 5 }))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
