using MQTTnet;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Protocol;
using TanKy.Hub.Broker;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// Replay of old audio (security.md, threat "replay") over a real broker: frames captured from an
/// earlier broadcast and pushed again, on both topics, while a new one plays are ignored by the
/// node (stream id and stream hash, play-out slot, sequence), and the earlier broadcast does not
/// play again. The exact late, duplicate and played counts are the driven twin's,
/// <see cref="Driven.ReplayDriven_Tests"/>: here the burst shares two loaded cores with the live stream.
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class Replay_Tests
{
    [Fact]
    public async Task Frames_replayed_from_an_earlier_broadcast_during_a_live_one_are_ignored()
    {
        await using var rig = await AudioRig.StartAsync();
        var node = await rig.AddSpeakerAsync();
        var earlier = rig.Broadcast("b-eeee000000000001", epoch: 400);
        await rig.Hub.PlayAsync(AudioRig.Zone, earlier.Stream, earlier.Epoch, start: earlier.StartMicros);
        await earlier.RunAsync(rig.Hub);
        var earlierPlayed = await node.WaitForPlaybackFinishedAsync(earlier.Stream, Waits.Default);
        earlierPlayed.Reason.Should().Be(PlaybackEndReason.End);
        var foreign = node.AudioCounters.FramesForeign;
        var played = node.AudioCounters.FramesPlayed;

        var live = rig.Broadcast("b-ffff000000000002", epoch: 401, startIn: TimeSpan.FromSeconds(1));
        await rig.Hub.PlayAsync(AudioRig.Zone, live.Stream, live.Epoch, start: live.StartMicros);
        var liveFrames = live.RunAsync(rig.Hub);
        await node.WaitForPlaybackStartedAsync(live.Stream, Waits.Default);

        // The captured messages, byte for byte: on their own topic and pushed onto the live stream's
        // topic; then the live stream's own first message again, after its slot.
        for (var i = 0; i < earlier.MessageCount; i++)
        {
            await rig.Hub.PublishAudioAsync(earlier.Stream, earlier.Message(i));
            await rig.Hub.PublishAudioAsync(live.Stream, earlier.Message(i));
        }

        await rig.Hub.PublishAudioAsync(live.Stream, live.Message(0));
        await liveFrames;
        var s = await node.WaitForPlaybackFinishedAsync(live.Stream, Waits.Default);

        s.Reason.Should().Be(PlaybackEndReason.End);
        (node.AudioCounters.FramesForeign - foreign).Should().Be(2 * earlier.Packets.Count, "another stream's frames, whatever topic they come on");
        (node.AudioCounters.FramesPlayed - played).Should().Be(s.Played, "only the live stream played meanwhile");
        s.Played.Should().BeLessThanOrEqualTo(live.Packets.Count, "no frame played twice");
        node.PlaybackOf(earlier.Stream).Should().BeEquivalentTo(earlierPlayed, "the earlier broadcast did not play again");
        rig.Hub.Events.Where(e => e.Message.Stream == earlier.Stream).Select(e => e.Message.Type)
            .Should().Equal("playback.started", "playback.finished");
        var finished = await rig.Hub.WaitForEventAsync(node.DeviceId, "playback.finished", live.Stream);
        finished.Data["reason"]!.GetValue<string>().Should().Be("end");
        finished.Data["played"]!.GetValue<int>().Should().Be(s.Played);
        finished.Data["late"]!.GetValue<int>().Should().Be(s.Late);
    }
}

/// <summary>
/// The other half of the replay and hijack threats: a device, even with valid (stolen)
/// credentials, may publish neither audio nor play orders; the real hub's broker refuses both.
/// </summary>
public sealed class ReplayAcl_Tests : IAsyncLifetime
{
    private CommuneHarness _c = null!;

    public async Task InitializeAsync() => _c = await CommuneHarness.StartAsync();

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Theory]
    [InlineData("stream/b-eeee000000000001", "captured audio")]
    [InlineData("zone/khoi-1/play", "a spoofed play order for its own zone")]
    [InlineData("zone/xom-3/play", "a spoofed play order for another zone")]
    public async Task A_device_publishing_audio_or_play_orders_is_refused_by_the_broker(string leaf, string what)
    {
        var metrics = _c.Hub.Get<HubMetrics>();
        var before = metrics.AclRefusals;
        using var attacker = new MqttClientFactory().CreateMqttClient();
        await attacker.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _c.Hub.MqttPort)
            .WithClientId("loa-khoi-1-a")
            .WithCredentials("loa-khoi-1-a", _c.Secrets["loa-khoi-1-a"])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        var payload = leaf.StartsWith("stream/", StringComparison.Ordinal)
            ? new StandInBroadcast { Stream = "b-eeee000000000001", Epoch = 400, StartMicros = 0 }.Message(0)
            : System.Text.Encoding.UTF8.GetBytes("""{"v":1,"op":"play","stream":"b-evil000000000001","class":"emergency","epoch":4294967295}""");

        var result = await attacker.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"{new Topics("tan-ky").Root}/{leaf}")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        result.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized, what);
        metrics.AclRefusals.Should().BeGreaterThan(before);
    }
}
