using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Simulator;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// What a speaker refuses (protocol.md §4.8, §8.1.3–8.1.4) and how streams end. "Nothing
/// happened" is checked without sleeping: a node handles its messages in order, so once a later
/// stream has finished, everything sent before it has been handled.
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class PlayOrderRules_Tests
{
    [Fact]
    public async Task Lower_epoch_unknown_streams_replays_and_wrong_epoch_frames_are_ignored()
    {
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync(TimeSpan.FromSeconds(3));
        var first = rig.Broadcast("b-aaaa000000000001", epoch: 200);
        await rig.Hub.PlayAsync(AudioRig.Zone, first.Stream, first.Epoch, start: first.StartMicros);
        await first.RunAsync(rig.Hub);
        (await node.WaitForPlaybackFinishedAsync(first.Stream, Waits.Default)).Reason.Should().Be(PlaybackEndReason.End);

        // A play order from an older epoch (a replayed order), and its frames.
        var older = rig.Broadcast("b-bbbb000000000002", epoch: 150);
        await rig.Hub.PlayAsync(AudioRig.Zone, older.Stream, older.Epoch, start: older.StartMicros);
        await older.RunAsync(rig.Hub);

        // Frames of a stream nobody ordered, and a replay of the finished broadcast.
        var unknown = rig.Broadcast("b-cccc000000000003", epoch: 250);
        await rig.Hub.PublishAudioAsync(unknown.Stream, unknown.Message(0));
        var replayed = first with { StartMicros = rig.Hub.NowMicros + 500_000 };
        await rig.Hub.PublishAudioAsync(first.Stream, replayed.Message(0));

        // A good stream, with wrong-epoch copies of its own frames and a duplicate slipped in.
        var good = rig.Broadcast("b-dddd000000000004", epoch: 300);
        await rig.Hub.PlayAsync(AudioRig.Zone, good.Stream, good.Epoch, start: good.StartMicros);
        await rig.Hub.PublishAudioAsync(good.Stream, (good with { Epoch = 299 }).Message(0));
        await good.RunAsync(rig.Hub);
        await rig.Hub.PublishAudioAsync(good.Stream, good.Message(good.MessageCount - 1));
        var played = await node.WaitForPlaybackFinishedAsync(good.Stream, Waits.Default);

        played.Reason.Should().Be(PlaybackEndReason.End);
        played.Played.Should().Be(good.Packets.Count);
        node.PlaybackOf(older.Stream).Should().BeNull("an order with a lower epoch than the last played is a replay");
        node.PlaybackOf(unknown.Stream).Should().BeNull();
        node.AudioCounters.OrdersIgnored.Should().Be(1);
        var counters = node.AudioCounters;
        counters.FramesForeign.Should().Be(older.Packets.Count + 10, "the old-epoch broadcast, the unknown stream and the replay");
        counters.FramesWrongEpoch.Should().Be(5);
        counters.FramesDuplicate.Should().Be(5);
        rig.Hub.Events.Where(e => e.Message.Stream == older.Stream || e.Message.Stream == unknown.Stream).Should().BeEmpty();
    }

    [Fact]
    public async Task Emergency_preempts_normal_an_equal_normal_is_ignored_and_the_latest_emergency_wins()
    {
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync(TimeSpan.FromSeconds(-5));
        var normal = rig.Broadcast("b-0000000000000a01", epoch: 10);
        await rig.Hub.PlayAsync(AudioRig.Zone, normal.Stream, normal.Epoch, "normal", normal.StartMicros);
        var normalFrames = normal.RunAsync(rig.Hub);
        await node.WaitForPlaybackStartedAsync(normal.Stream, Waits.Default);

        await rig.Hub.PlayAsync(AudioRig.Zone, "b-0000000000000a02", 11, "normal");
        var first = rig.Broadcast("b-00000000000000e1", epoch: 12, startIn: TimeSpan.FromMilliseconds(500));
        await rig.Hub.PlayAsync(AudioRig.Zone, first.Stream, first.Epoch, "emergency", first.StartMicros);
        var cut = await node.WaitForPlaybackFinishedAsync(normal.Stream, Waits.Default);
        var firstFrames = first.RunAsync(rig.Hub);
        await node.WaitForPlaybackStartedAsync(first.Stream, Waits.Default);

        var latest = rig.Broadcast("b-00000000000000e2", epoch: 13, startIn: TimeSpan.FromMilliseconds(500));
        await rig.Hub.PlayAsync(AudioRig.Zone, latest.Stream, latest.Epoch, "emergency", latest.StartMicros);
        await latest.RunAsync(rig.Hub);
        var won = await node.WaitForPlaybackFinishedAsync(latest.Stream, Waits.Default);
        await Task.WhenAll(normalFrames, firstFrames);

        cut.Reason.Should().Be(PlaybackEndReason.Preempted);
        cut.Played.Should().BePositive().And.BeLessThan(normal.Packets.Count);
        node.PlaybackOf(first.Stream)!.Reason.Should().Be(PlaybackEndReason.Preempted);
        node.PlaybackOf("b-0000000000000a02").Should().BeNull("equal class: the stream already playing keeps the speaker");
        won.Reason.Should().Be(PlaybackEndReason.End);
        won.Played.Should().Be(latest.Packets.Count);
        var preempted = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.preempted", normal.Stream);
        preempted.Data["by"]!.GetValue<string>().Should().Be(first.Stream);
        await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.preempted", first.Stream);
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", normal.Stream);
        finished.Data["reason"]!.GetValue<string>().Should().Be("preempted");
    }

    [Fact]
    public async Task A_stream_without_frames_for_1_s_finishes_with_reason_timeout()
    {
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync(TimeSpan.FromMilliseconds(1234));
        var stalled = rig.Broadcast("b-57a11ed000000001", epoch: 40) with { StopAfterMessages = 5 };
        await rig.Hub.PlayAsync(AudioRig.Zone, stalled.Stream, stalled.Epoch, start: stalled.StartMicros);
        await stalled.RunAsync(rig.Hub);
        var s = await node.WaitForPlaybackFinishedAsync(stalled.Stream, Waits.Default);

        // A play order whose frames never come at all: released 1 s after its announced start.
        await rig.Hub.PlayAsync(AudioRig.Zone, "b-5110000000000002", 41, start: rig.Hub.NowMicros + 300_000);
        var silent = await node.WaitForPlaybackFinishedAsync("b-5110000000000002", Waits.Default);

        s.Reason.Should().Be(PlaybackEndReason.Timeout);
        s.Played.Should().Be(25);
        s.Concealed.Should().BePositive("after the last frame the node conceals until it lets the stream go");
        var released = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", stalled.Stream);
        released.Data["reason"]!.GetValue<string>().Should().Be("timeout");
        released.ReceivedHubMicros.Should().BeGreaterThanOrEqualTo(stalled.PlayoutOfMessage(4) - 400_000 + 1_000_000, "1 s after the last message arrived");
        silent.Reason.Should().Be(PlaybackEndReason.Timeout);
        silent.Played.Should().Be(0);
        silent.HasStarted.Should().BeFalse();
    }

    [Fact]
    public async Task A_stop_order_ends_the_stream_at_once()
    {
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync();
        var broadcast = rig.Broadcast("b-5709000000000001", epoch: 50);
        await rig.Hub.PlayAsync(AudioRig.Zone, broadcast.Stream, broadcast.Epoch, start: broadcast.StartMicros);
        var frames = broadcast.RunAsync(rig.Hub);
        await node.WaitForPlaybackStartedAsync(broadcast.Stream, Waits.Default);

        await rig.Hub.StopAsync(AudioRig.Zone, broadcast.Stream);
        var s = await node.WaitForPlaybackFinishedAsync(broadcast.Stream, Waits.Default);
        await frames;

        s.Reason.Should().Be(PlaybackEndReason.Stop);
        s.Played.Should().BeLessThan(broadcast.Packets.Count);
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", broadcast.Stream);
        finished.Data["reason"]!.GetValue<string>().Should().Be("stop");
    }
}
