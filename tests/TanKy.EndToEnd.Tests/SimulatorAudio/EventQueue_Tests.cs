using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// Playback events through a real link cut (a link proxy on a real broker): queued while the node
/// is offline, sent after it reconnects. The player's hold and release times through the cut are
/// exact in <see cref="Driven.LinkLossDriven_Tests"/>.
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class EventQueue_Tests
{
    [Fact]
    public async Task Events_due_during_a_link_cut_are_sent_after_reconnect()
    {
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync(TimeSpan.FromSeconds(-2), o => o with { Faults = o.Faults with { UseLinkProxy = true } });
        var broadcast = rig.Broadcast("b-c0700000000000a1", epoch: 60);
        await rig.Hub.PlayAsync(AudioRig.Zone, broadcast.Stream, broadcast.Epoch, start: broadcast.StartMicros);
        var frames = broadcast.RunAsync(rig.Hub);
        await node.WaitForPlaybackStartedAsync(broadcast.Stream, Waits.Default);

        // The hamlet's 4G cell goes down for longer than a node holds a stream over its own link
        // loss (protocol.md §8.2.6): the node lets the stream go while offline.
        node.Link!.Cut();
        await node.WaitUntilDisconnectedAsync(Waits.Default);
        var s = await node.WaitForPlaybackFinishedAsync(broadcast.Stream, Protocol.Audio.AudioFrameFormat.LinkDownHold + Waits.Default);
        s.Reason.Should().Be(PlaybackEndReason.Timeout);
        node.PendingEvents.Should().BeGreaterThanOrEqualTo(1);

        var connectsBefore = node.ConnectCount;
        var restoredAt = rig.Hub.NowMicros;
        node.Link.Restore();
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", broadcast.Stream);
        await frames;

        node.ConnectCount.Should().BeGreaterThan(connectsBefore);
        finished.ReceivedHubMicros.Should().BeGreaterThan(restoredAt, "it was held while the link was cut and sent once it was back");
        finished.Data["reason"]!.GetValue<string>().Should().Be("timeout");
        finished.Data["played"]!.GetValue<int>().Should().Be(s.Played);
        finished.Message.Ts.Should().BeLessThan(finished.ReceivedHubMicros / 1000, "ts is when it happened, not when it was sent");
        // The outbox drops an event once its publish is acknowledged, which can be a moment after the
        // hub got it: a wait for that to happen (bounded), not a sleep before a "nothing happened".
        var deadline = DateTime.UtcNow + Waits.Default;
        while (node.PendingEvents > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        node.PendingEvents.Should().Be(0);
    }
}
