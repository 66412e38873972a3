using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// What a speaker refuses (protocol.md §4.8, §8.1.3–8.1.4) and how streams end, over a real
/// broker on the real clock: the orders, frames and events really flow, with the right fields and
/// reasons. How many frames play depends on the machine's load here; the exact counts are the
/// driven twin's, <see cref="Driven.PlayOrderRulesDriven_Tests"/>. "Nothing happened" is checked
/// without sleeping: a node handles its messages in order, so once a later stream has finished,
/// everything sent before it has been handled.
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class PlayOrderRules_Tests
{
    /// <summary>
    /// How far a node's release can come before the time it aims at, seen from the hub: its clock
    /// estimate's error on loopback (see <see cref="RoundTrip_Tests"/>: tens of µs, bounded at 5 ms).
    /// </summary>
    private const long ClockErrorMicros = StartErrors.BoundMicros;

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

        // A good stream, with wrong-epoch copies of its own frames slipped in.
        var good = rig.Broadcast("b-dddd000000000004", epoch: 300);
        await rig.Hub.PlayAsync(AudioRig.Zone, good.Stream, good.Epoch, start: good.StartMicros);
        await rig.Hub.PublishAudioAsync(good.Stream, (good with { Epoch = 299 }).Message(0));
        await good.RunAsync(rig.Hub);
        var played = await node.WaitForPlaybackFinishedAsync(good.Stream, Waits.Default);

        // Refusals are decided by stream, hash and epoch before any timing: exact even under load.
        played.Reason.Should().Be(PlaybackEndReason.End);
        node.PlaybackOf(older.Stream).Should().BeNull("an order with a lower epoch than the last played is a replay");
        node.PlaybackOf(unknown.Stream).Should().BeNull();
        var counters = node.AudioCounters;
        counters.OrdersIgnored.Should().Be(1);
        counters.FramesForeign.Should().Be(older.Packets.Count + 10, "the old-epoch broadcast, the unknown stream and the replay");
        counters.FramesWrongEpoch.Should().Be(5);
        rig.Hub.Events.Where(e => e.Message.Stream == older.Stream || e.Message.Stream == unknown.Stream).Should().BeEmpty();
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", good.Stream);
        finished.Data["reason"]!.GetValue<string>().Should().Be("end");
        finished.Data["played"]!.GetValue<int>().Should().Be(played.Played);
    }

    [Fact]
    public async Task Emergency_preempts_normal_an_equal_normal_is_ignored_the_latest_emergency_wins_and_a_stop_ends_it()
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
        var latestFrames = latest.RunAsync(rig.Hub);
        await node.WaitForPlaybackStartedAsync(latest.Stream, Waits.Default);
        await rig.Hub.StopAsync(AudioRig.Zone, latest.Stream);
        var stopped = await node.WaitForPlaybackFinishedAsync(latest.Stream, Waits.Default);
        await Task.WhenAll(normalFrames, firstFrames, latestFrames);

        cut.Reason.Should().Be(PlaybackEndReason.Preempted);
        node.PlaybackOf(first.Stream)!.Reason.Should().Be(PlaybackEndReason.Preempted);
        node.PlaybackOf("b-0000000000000a02").Should().BeNull("equal class: the stream already playing keeps the speaker");
        node.AudioCounters.OrdersIgnored.Should().Be(1);
        stopped.Reason.Should().Be(PlaybackEndReason.Stop);
        var preempted = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.preempted", normal.Stream);
        preempted.Data["by"]!.GetValue<string>().Should().Be(first.Stream);
        (await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.preempted", first.Stream)).Data["by"]!.GetValue<string>().Should().Be(latest.Stream);
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", normal.Stream);
        finished.Data["reason"]!.GetValue<string>().Should().Be("preempted");
        finished.Data["played"]!.GetValue<int>().Should().Be(cut.Played);
        (await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", latest.Stream)).Data["reason"]!.GetValue<string>().Should().Be("stop");
        var refused = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.refused", "b-0000000000000a02");
        refused.Data["reason"]!.GetValue<string>().Should().Be("class", "§4.8: an equal class holds the speaker");

        // Each stream's events reach the hub in the order they happened.
        rig.Hub.Events.Where(e => e.DeviceId == node.DeviceId).Select(e => (e.Message.Type, e.Message.Stream)).Should().Equal(
            ("playback.started", normal.Stream),
            ("playback.refused", "b-0000000000000a02"),
            ("playback.preempted", normal.Stream),
            ("playback.finished", normal.Stream),
            ("playback.started", first.Stream),
            ("playback.preempted", first.Stream),
            ("playback.finished", first.Stream),
            ("playback.started", latest.Stream),
            ("playback.finished", latest.Stream));
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
        const string silent = "b-5110000000000002";
        var start = rig.Hub.NowMicros + 300_000;
        await rig.Hub.PlayAsync(AudioRig.Zone, silent, 41, start: start);
        var never = await node.WaitForPlaybackFinishedAsync(silent, Waits.Default);

        s.Reason.Should().Be(PlaybackEndReason.Timeout);
        var released = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", stalled.Stream);
        released.Data["reason"]!.GetValue<string>().Should().Be("timeout");
        released.Data["played"]!.GetValue<int>().Should().Be(s.Played);
        released.Data["concealed"]!.GetValue<int>().Should().Be(s.Concealed);

        // Never early (a late event proves nothing: it may wait for a busy machine). The last frames
        // arrived 400 ms before they played; the second of silence counts from their play-out end.
        released.ReceivedHubMicros.Should().BeGreaterThanOrEqualTo(stalled.PlayoutOfMessage(5) + 1_000_000 - ClockErrorMicros);
        never.Reason.Should().Be(PlaybackEndReason.Timeout);
        never.HasStarted.Should().BeFalse();
        var silentReleased = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", silent);
        silentReleased.Data["reason"]!.GetValue<string>().Should().Be("timeout");
        silentReleased.Data["played"]!.GetValue<int>().Should().Be(0);
        silentReleased.ReceivedHubMicros.Should().BeGreaterThanOrEqualTo(start + 1_000_000 - ClockErrorMicros);
        rig.Hub.Events.Should().NotContain(e => e.Message.Stream == silent && e.Message.Type == "playback.started");
    }
}
