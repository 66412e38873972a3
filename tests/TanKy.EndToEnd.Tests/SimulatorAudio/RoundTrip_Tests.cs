using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Simulator;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

[Collection(SimulatorAudioCollection.Name)]
public sealed class RoundTrip_Tests(ITestOutputHelper output)
{
    private const string Stream = "b-5f3a9c0d1e2b4a67";

    // Clocks off by up to ±5 s, a few of them drifting like real crystals.
    private static readonly (int OffsetMs, double DriftPpm)[] Clocks =
        [(-5000, 0), (-3100, 30), (-1200, 0), (-300, -45), (0, 0), (450, 10), (1800, 0), (3700, -20), (5000, 0), (4999, 50)];

    [Fact]
    public async Task Every_node_plays_the_source_at_its_playout_time_whatever_its_clock_offset()
    {
        await using var rig = await AudioRig.StartAsync();
        var drifts = new Queue<double>(Clocks.Select(c => c.DriftPpm));
        var nodes = await rig.AddSpeakersAsync(
            Clocks.Select(c => TimeSpan.FromMilliseconds(c.OffsetMs)),
            o => o with { ClockDriftPpm = drifts.Dequeue() });
        var programme = TestProgramme.Music;
        var broadcast = rig.Broadcast(Stream, epoch: 1_767_225_600, programme: programme);

        await rig.Hub.PlayAsync(AudioRig.Zone, Stream, broadcast.Epoch, start: broadcast.StartMicros);
        await broadcast.RunAsync(rig.Hub);
        var stats = await Task.WhenAll(nodes.Select(n => n.WaitForPlaybackFinishedAsync(Stream, Waits.Default)));

        foreach (var (node, (offsetMs, _)) in nodes.Zip(Clocks))
        {
            // Hub minus node clock; drift adds at most 50 µs per second of the node's life.
            node.ClockOffsetEstimate!.Value.Should().BeCloseTo(-offsetMs * 1000L, 3_000, node.DeviceId);
        }

        foreach (var (node, s) in nodes.Zip(stats))
        {
            output.WriteLine($"{node.DeviceId}: {s}; counters late {node.AudioCounters.FramesLate} dup {node.AudioCounters.FramesDuplicate} noclock {node.AudioCounters.FramesNoClock} foreign {node.AudioCounters.FramesForeign}");
        }

        foreach (var (node, s) in nodes.Zip(stats))
        {
            s.Reason.Should().Be(PlaybackEndReason.End, node.DeviceId);
            (s.Played, s.Concealed, s.Fec, s.Late).Should().Be((programme.Packets.Count, 0, 0, 0), node.DeviceId);
            s.StartedSynchronised.Should().BeTrue();
            s.IntendedMicros.Should().Be(broadcast.StartMicros);

            var wav = WavComparison.Read(rig.WavOf(node, Stream));
            wav.Length.Should().Be(programme.Source.Length);
            var (lag, best) = WavComparison.BestLag(programme.Source, wav[..48_000], sourceOffset: 0, maxLag: 1000);
            var atLookahead = WavComparison.Correlation(programme.Source, wav, 0, programme.Lookahead);
            output.WriteLine($"{node.DeviceId}: NCC {atLookahead:0.000} at lookahead {programme.Lookahead}; best lag {lag} ({best:0.000})");
            lag.Should().BeCloseTo(programme.Lookahead, 4, "the decoder's output is the source delayed by the encoder's lookahead");
            atLookahead.Should().BeGreaterThanOrEqualTo(0.9);
        }

        StartErrors.Report(output, stats);
        StartErrors.AssertWithinBound(stats);

        foreach (var node in nodes)
        {
            var started = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.started", Stream);
            started.Data["intended_us"]!.GetValue<long>().Should().Be(broadcast.StartMicros);
            started.Data["error_us"]!.GetValue<long>().Should().Be(node.PlaybackOf(Stream)!.StartErrorMicros);
            started.Data["actual_us"]!.GetValue<long>().Should().Be(node.PlaybackOf(Stream)!.ActualMicros);
            var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", Stream);
            finished.Data["reason"]!.GetValue<string>().Should().Be("end");
            finished.Data["played"]!.GetValue<int>().Should().Be(programme.Packets.Count);
            finished.Data["concealed"]!.GetValue<int>().Should().Be(0);
            finished.Data["late"]!.GetValue<int>().Should().Be(0);
            finished.Data["fec"]!.GetValue<int>().Should().Be(0);
            finished.Data["error_us"]!.GetValue<long>().Should().Be(node.PlaybackOf(Stream)!.StartErrorMicros);
        }
    }
}
