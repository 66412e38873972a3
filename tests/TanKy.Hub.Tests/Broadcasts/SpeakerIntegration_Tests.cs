using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Protocol.Audio;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Tests.Broadcasts;

/// <summary>The real hub and broker, and a raw MQTT client logged in as a speaker of khoi-1.</summary>
public sealed class SpeakerIntegration_Tests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TempDataDir _dir = new();
    private readonly Channel<(string Topic, byte[] Payload)> _received = Channel.CreateUnbounded<(string, byte[])>();
    private readonly IMqttClient _speaker = new MqttClientFactory().CreateMqttClient();
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        var (secret, _) = _dir.SeedTwoHamlets();
        _hub = await TestHub.StartAsync(_dir.Path, customize: b => b.Services.AddSingleton<IMediaPackets>(new InMemoryMedia()));
        _speaker.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await _speaker.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _hub.MqttPort)
            .WithClientId("loa-khoi-1-a")
            .WithCredentials("loa-khoi-1-a", secret)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build());
        await _speaker.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("tanky/v1/tan-ky/zone/khoi-1/play", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("tanky/v1/tan-ky/stream/+")
            .WithTopicFilter("tanky/v1/tan-ky/dev/loa-khoi-1-a/time/reply")
            .Build());
    }

    public async Task DisposeAsync()
    {
        _speaker.Dispose();
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_speaker_gets_the_play_order_every_frame_through_end_of_stream_and_the_stop()
    {
        var ticket = await _hub.Get<IBroadcastService>().PlayAsync(new BroadcastRequest("tin-1s", BulletinClass.Priority, ["khoi-1"], "van-hoa", "test", 70));

        var play = await NextAsync();
        play.Topic.Should().Be("tanky/v1/tan-ky/zone/khoi-1/play");
        var order = JsonSerializer.Deserialize(play.Payload, ProtocolJsonContext.Default.PlayOrderMessage)!;
        order.Should().BeEquivalentTo(new { Op = "play", Stream = ticket.StreamId, Class = "priority", Codec = "opus", Volume = 70 });
        var frames = new List<AudioFrameMessage>();
        (string Topic, byte[] Payload) next;
        while (!(next = await NextAsync()).Topic.EndsWith("/play", StringComparison.Ordinal))
        {
            next.Topic.Should().Be("tanky/v1/tan-ky/stream/" + ticket.StreamId);
            AudioFrameMessage.TryParse(next.Payload, out var m, out var error).Should().BeTrue(error);
            frames.Add(m!);
        }

        frames.SelectMany(f => Enumerable.Range(0, f.FrameCount).Select(i => f.SequenceOf(i))).Should().Equal(
            Enumerable.Range(0, InMemoryMedia.OneSecond.Packets.Count).Select(i => (uint)i), "every frame arrives, in order");
        frames.Should().OnlyContain(f => f.Epoch == (uint)order.Epoch! && f.StreamHash == StreamIdHash.Compute(ticket.StreamId!));
        frames[0].FirstPlayoutMicros.Should().Be(order.Start);
        frames.Select(f => f.IsEndOfStream).Should().Equal(frames.Select((_, i) => i == frames.Count - 1));
        var stop = JsonSerializer.Deserialize(next.Payload, ProtocolJsonContext.Default.PlayOrderMessage)!;
        stop.Op.Should().Be("stop");
        stop.Stream.Should().Be(ticket.StreamId);
    }

    [Fact]
    public async Task The_hub_answers_a_speakers_time_request()
    {
        var t1 = 42_000_000L;

        await _speaker.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("tanky/v1/tan-ky/dev/loa-khoi-1-a/time")
            .WithPayload(ProtocolJson.Serialize(new TimeRequestMessage { V = 1, T1 = t1 })).Build());

        var reply = await NextAsync();
        reply.Topic.Should().Be("tanky/v1/tan-ky/dev/loa-khoi-1-a/time/reply");
        var message = JsonSerializer.Deserialize(reply.Payload, ProtocolJsonContext.Default.TimeReplyMessage)!;
        message.T1.Should().Be(t1);
        message.T2.Should().BeLessThanOrEqualTo(message.T3);
        message.T3.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, 5_000_000);
    }

    private async Task<(string Topic, byte[] Payload)> NextAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }
}
