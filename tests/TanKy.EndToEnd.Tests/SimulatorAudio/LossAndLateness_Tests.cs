using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Simulator;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

[Collection(SimulatorAudioCollection.Name)]
public sealed class LossAndLateness_Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_10_percent_frame_loss_every_node_plays_to_the_end_and_counts_fec_and_concealment()
    {
        const string stream = "b-10ad0000000000a1";
        await using var rig = await AudioRig.StartAsync();
        var nodes = await rig.AddSpeakersAsync(
            [TimeSpan.FromSeconds(-4), TimeSpan.FromSeconds(-1), TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)],
            o => o with { Faults = o.Faults with { AudioLossPercent = 10 } });
        var broadcast = rig.Broadcast(stream, epoch: 7);

        await rig.Hub.PlayAsync(AudioRig.Zone, stream, broadcast.Epoch, start: broadcast.StartMicros);
        await broadcast.RunAsync(rig.Hub);
        var stats = await Task.WhenAll(nodes.Select(n => n.WaitForPlaybackFinishedAsync(stream, Waits.Default)));

        var frames = broadcast.Packets.Count;
        foreach (var (node, s) in nodes.Zip(stats))
        {
            var lost = node.AudioCounters.FramesLossInjected;
            output.WriteLine($"{node.DeviceId}: lost {lost}, played {s.Played}, fec {s.Fec}, concealed {s.Concealed}, late {s.Late} (arrived late {node.AudioCounters.FramesLate}, missed slots {node.AudioCounters.SlotsMissed}), start error {s.StartErrorMicros} µs");
            s.Reason.Should().Be(PlaybackEndReason.End);
            var skippedAtStart = (int)((s.IntendedMicros!.Value - broadcast.StartMicros) / broadcast.FrameMicros);
            (s.Played + s.Fec + s.Concealed + skippedAtStart).Should().Be(frames, "every slot after the first frame is filled, to the end");
            s.Played.Should().Be(frames - (int)lost, "every frame that was not thrown away is played");
            (s.Fec + s.Concealed).Should().BePositive();
            s.Late.Should().Be(0);

            var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", stream);
            finished.Data["played"]!.GetValue<int>().Should().Be(s.Played);
            finished.Data["fec"]!.GetValue<int>().Should().Be(s.Fec);
            finished.Data["concealed"]!.GetValue<int>().Should().Be(s.Concealed);
            finished.Data["late"]!.GetValue<int>().Should().Be(0);
            finished.Data["reason"]!.GetValue<string>().Should().Be("end");
        }

        nodes.Sum(n => n.AudioCounters.FramesFec).Should().BePositive("a lost frame whose successor arrived is recovered from in-band FEC");
        StartErrors.Report(output, stats);
        StartErrors.AssertWithinBound(stats);
    }

    [Fact]
    public async Task A_message_sent_after_its_playout_time_is_dropped_as_late_and_its_slots_are_filled()
    {
        const string stream = "b-1a7e000000000002";
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync(TimeSpan.FromMilliseconds(-2500));
        var broadcast = rig.Broadcast(stream, epoch: 8) with { LateMessage = 10, LateBy = TimeSpan.FromMilliseconds(50) };

        await rig.Hub.PlayAsync(AudioRig.Zone, stream, broadcast.Epoch, start: broadcast.StartMicros);
        await broadcast.RunAsync(rig.Hub);
        var s = await node.WaitForPlaybackFinishedAsync(stream, Waits.Default);

        // Frames 50–54 came 50 ms after frame 50's play-out: 50–53 concealed, 54 recovered from 55.
        // On a quiet machine that is exactly (5, 4, 1); a loaded one can make another message late
        // too, so the exact split is reported and the invariants asserted.
        output.WriteLine($"late {s.Late}, concealed {s.Concealed}, fec {s.Fec}, played {s.Played} of {broadcast.Packets.Count}, missed slots {node.AudioCounters.SlotsMissed}");
        s.Late.Should().BeGreaterThanOrEqualTo(5, "the five frames of the late message");
        (s.Concealed + s.Fec).Should().BeGreaterThanOrEqualTo(5, "their slots are filled by FEC or concealment, never left out");
        var missed = (int)node.AudioCounters.SlotsMissed;
        (s.Played + s.Fec + s.Concealed + missed).Should().Be(broadcast.Packets.Count, "every slot is filled exactly once, unless the node itself woke after it (a stall, counted)");
        s.Reason.Should().Be(PlaybackEndReason.End);
        (node.AudioCounters.FramesLate + missed).Should().Be(s.Late);
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", stream);
        finished.Data["late"]!.GetValue<int>().Should().Be(s.Late);
    }
}
