using TanKy.DeviceSim.Audio;
using TanKy.Protocol.Time;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// Ten speakers with clocks off by up to ±5 s, some drifting like real crystals, synchronised by
/// exchanges on the node's real schedule, play one Music broadcast on a driven clock: every frame,
/// at its play-out time, the waveform intact (the end-to-end twin is <see cref="RoundTrip_Tests"/>).
/// </summary>
public sealed class RoundTripDriven_Tests(ITestOutputHelper output)
{
    private const string Stream = "b-5f3a9c0d1e2b4a67";

    /// <summary>One-way delay of every sync exchange: the least that keeps the truth inside each sample's bounds.</summary>
    private static readonly TimeSpan SyncDelay = TimeSpan.FromMicroseconds(2);

    /// <summary>
    /// |start error| bound for a drifting node, µs. A drifting clock's readings are truncated to whole
    /// µs, so each exchange bounds the offset within 2 × the 2 µs delay + 1 µs: at a sample, no line
    /// the samples allow is further from the truth than 5 µs; between samples (500 ms apart, over
    /// 2 s of them) and through the wake's rounding to 0.1 µs ticks it could add a µs or two.
    /// Measured: at most 2 µs. Without the spread exchanges (DrivenSpeaker's one-shot sync) the
    /// estimator cannot see the drift and a 50 ppm node starts 150 µs off, 3 s after its sync. A node
    /// without drift reads exact µs: its start error is exactly 0.
    /// </summary>
    private const long DriftingBoundMicros = 5;

    private static readonly (int OffsetMs, double DriftPpm)[] Clocks =
        [(-5000, 0), (-3100, 30), (-1200, 0), (-300, -45), (0, 0), (450, 10), (1800, 0), (3700, -20), (5000, 0), (4999, 50)];

    [Fact]
    public void Every_node_plays_the_source_at_its_playout_time_whatever_its_clock_offset_and_drift()
    {
        var clock = new DrivenClock();
        var nodes = Clocks.Select((c, i) => new DrivenSpeaker(clock, $"loa-{i:d2}", TimeSpan.FromMilliseconds(c.OffsetMs), c.DriftPpm, syncSamples: 0)).ToArray();
        var programme = TestProgramme.Music;
        var broadcast = new StandInBroadcast { Stream = Stream, Epoch = 1_767_225_600, StartMicros = clock.NowMicros + 3_000_000, Packets = programme.Packets };
        var end = DrivenAir.EndOf(broadcast) + 50_000;

        // The connect burst (96 exchanges 10 ms apart) and the convergence exchanges every 500 ms go
        // on through the broadcast; the play order comes 2.3 s after the first exchange.
        var synchronisedAt = nodes.Select(n => n.SyncOn(clock, ClockSyncSchedule.Default, end, SyncDelay)).Max();
        var orderAt = broadcast.StartMicros - 700_000;
        synchronisedAt.Should().BeLessThan(orderAt);
        clock.At(orderAt, () =>
        {
            foreach (var node in nodes)
            {
                node.Order(Stream, broadcast.Epoch, start: broadcast.StartMicros);
            }
        });
        DrivenAir.Book(clock, broadcast, nodes);
        clock.RunUntil(end);

        foreach (var (node, (_, drift)) in nodes.Zip(Clocks))
        {
            var s = node.Finished(Stream);
            output.WriteLine($"{node.Id} ({drift} ppm): start error reported {s.StartErrorMicros} µs, true {s.TrueStartErrorMicros} µs");
            s.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = programme.Packets.Count, Concealed = 0, Fec = 0, Late = 0, StartedSynchronised = true, IntendedMicros = broadcast.StartMicros }, node.Id);
            node.Counters.SlotsMissed.Should().Be(0);
            var bound = drift == 0 ? 0 : DriftingBoundMicros;
            Math.Abs(s.TrueStartErrorMicros!.Value).Should().BeLessThanOrEqualTo(bound, node.Id);
            Math.Abs(s.StartErrorMicros!.Value).Should().BeLessThanOrEqualTo(bound, node.Id);

            var played = node.Output(Stream)!;
            played.Length.Should().Be(programme.Source.Length);
            var (lag, _) = WavComparison.BestLag(programme.Source, played[..48_000], sourceOffset: 0, maxLag: 1000);
            lag.Should().BeCloseTo(programme.Lookahead, 4, "the decoder's output is the source delayed by the encoder's lookahead");
            WavComparison.Correlation(programme.Source, played, 0, programme.Lookahead).Should().BeGreaterThanOrEqualTo(0.9, node.Id);
            node.Dispose();
        }
    }
}
