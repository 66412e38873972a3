using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Tests.Shared;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// The frame-loss fault of real nodes (<c>AudioLossPercent</c>) over a real broker: the loss is
/// injected, lost frames are never played, recovery and concealment reach the hub in the finished
/// events. Which slots are recovered or concealed, and late frames, are the driven twin's, with
/// exact counts: <see cref="Driven.LossAndLatenessDriven_Tests"/> (here lateness on a loaded
/// machine changes them).
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class LossAndLateness_Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_10_percent_frame_loss_every_node_plays_to_the_end_and_reports_fec_and_concealment()
    {
        const string stream = "b-10ad0000000000a1";
        await using var rig = await AudioRig.StartAsync();
        var nodes = await rig.AddSpeakersAsync(
            [TimeSpan.FromSeconds(-4), TimeSpan.Zero, TimeSpan.FromSeconds(5)],
            o => o with { Faults = o.Faults with { AudioLossPercent = 10 } });
        var broadcast = rig.Broadcast(stream, epoch: 7);

        await rig.Hub.PlayAsync(AudioRig.Zone, stream, broadcast.Epoch, start: broadcast.StartMicros);
        await broadcast.RunAsync(rig.Hub);
        var stats = await Task.WhenAll(nodes.Select(n => n.WaitForPlaybackFinishedAsync(stream, Waits.Default)));

        var frames = broadcast.Packets.Count;
        foreach (var (node, s) in nodes.Zip(stats))
        {
            var lost = node.AudioCounters.FramesLossInjected;
            output.WriteLine($"{node.DeviceId}: lost {lost}, played {s.Played}, fec {s.Fec}, concealed {s.Concealed}, late {s.Late} (arrived late {node.AudioCounters.FramesLate}, missed slots {node.AudioCounters.SlotsMissed})");
            s.Reason.Should().Be(PlaybackEndReason.End);
            s.Played.Should().BeLessThanOrEqualTo(frames - (int)lost, "a lost frame is never played");

            var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", stream);
            finished.Data["reason"]!.GetValue<string>().Should().Be("end");
            finished.Data["played"]!.GetValue<int>().Should().Be(s.Played);
            finished.Data["fec"]!.GetValue<int>().Should().Be(s.Fec);
            finished.Data["concealed"]!.GetValue<int>().Should().Be(s.Concealed);
            finished.Data["late"]!.GetValue<int>().Should().Be(s.Late);
        }

        // About 45 of 450 frames are lost: none lost has a chance of 0.9^450 (1e-21), and no FEC at all
        // needs every lost frame's successor lost too (0.1^45).
        nodes.Sum(n => n.AudioCounters.FramesLossInjected).Should().BePositive();
        stats.Sum(s => s.Fec).Should().BePositive("a lost frame whose successor arrived is recovered from in-band FEC");
    }
}
