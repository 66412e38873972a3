using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.DeviceZones;

/// <summary>
/// Issue #15, "a speaker that follows the document hears nothing": a speaker provisioned with
/// <c>devices add --zone</c> plays a broadcast to that zone with no other step. The speaker is a
/// plain MQTTnet client written here from hub/docs/protocol.md alone (§2.2 CONNECT, §2.3 after
/// CONNACK, §4.2 birth, §4.4 desired → reported, §4.8 play orders, §8.1.1 frames, §4.6 events):
/// no simulator code, no TanKy.Protocol message types.
/// </summary>
public sealed class ZonesOverProtocol_Tests
{
    private const string Site = "tan-ky";
    private const string Root = $"tanky/v1/{Site}";
    private const string Id = "loa-xom-3-moi";
    private const string Zone = "xom-3";

    [Fact]
    public async Task A_speaker_added_with_a_zone_plays_a_broadcast_to_that_zone_from_the_protocol_alone()
    {
        await using var c = await CommuneHarness.StartAsync();

        // `tanky-hub devices add --id … --kind speaker --zone xom-3` while the hub runs: the CLI
        // opens its own registry over the database (DeviceCliContext), in effect another process,
        // so only the hub's outbox poll can publish the desired zones it wrote.
        var secret = new DeviceRegistry(c.Dir.Db, TimeProvider.System).Add(new NewDevice(Id, DeviceKind.Speaker, [Zone], "Loa mới Xóm 3"));

        await using var speaker = new DocumentSpeaker(c.Hub.MqttPort, secret);
        var online = c.WaitForStatusAsync(Id, Hub.Devices.DeviceStatus.Online);
        await speaker.ConnectAsync();
        await online;

        // Only what arrives over MQTT: the retained desired state carries the zone.
        var desired = await speaker.NextAsync(m => m.Topic == $"{Root}/dev/{Id}/desired");
        var state = JsonNode.Parse(desired.Payload)!;
        var zones = state["state"]!["zones"]!.AsArray().Select(z => z!.GetValue<string>()).ToList();
        zones.Should().Equal(Zone);
        await speaker.FollowAsync(state["version"]!.GetValue<long>(), zones);

        using var wav = new MemoryStream(SpeechSignal.ToWav(SpeechSignal.Generate(1.0)));
        var media = (await c.Hub.Get<MediaLibrary>().ImportAsync(wav, "thong-bao.wav", "Thông báo", "can-bo-van-hoa", CancellationToken.None)).Item!;
        var ticket = await c.Hub.Get<IBroadcastService>().PlayAsync(new BroadcastRequest(media.Id, BulletinClass.Normal, [Zone], "can-bo-van-hoa", "api"));

        var play = JsonNode.Parse((await speaker.NextAsync(m => m.Topic == $"{Root}/zone/{Zone}/play" && Op(m) == "play")).Payload)!;
        var stream = play["stream"]!.GetValue<string>();
        stream.Should().Be(ticket.StreamId);
        var frame = await speaker.NextAsync(m => m.Topic == $"{Root}/stream/{stream}");
        var bytes = frame.Bytes;
        bytes[..2].Should().Equal((byte)'T', (byte)'K');
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)).Should().Be(Fnv1a(stream), "§8.1.2: the frame belongs to the ordered stream");
        var playout = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));

        await speaker.EventAsync("playback.started", stream, new JsonObject { ["intended_us"] = playout, ["actual_us"] = playout + 900, ["error_us"] = 900 });
        await speaker.NextAsync(m => m.Topic == $"{Root}/zone/{Zone}/play" && Op(m) == "stop");
        await speaker.EventAsync("playback.finished", stream, new JsonObject { ["played"] = 50, ["concealed"] = 0, ["late"] = 0, ["fec"] = 0, ["error_us"] = 900, ["reason"] = "stop" });

        var node = await DeliveryOfAsync(c, ticket.BroadcastId);
        node.Outcome.Should().BeOneOf("finished", "stopped");
        node.StartErrorUs.Should().Be(900);
    }

    private static async Task<NodeDelivery> DeliveryOfAsync(CommuneHarness c, string broadcastId)
    {
        // The events go through the broker to the hub's tracker: poll its report briefly (no event to await from outside the hub).
        var service = c.Hub.Get<IBroadcastService>();
        var deadline = DateTime.UtcNow + CommuneHarness.Wait;
        while (true)
        {
            var node = service.GetDeliveryReport(broadcastId).Nodes.FirstOrDefault(n => n.DeviceId == Id);
            if (node is { Outcome: "finished" or "stopped" } || DateTime.UtcNow > deadline)
            {
                return node ?? throw new InvalidOperationException($"{Id} is not in the delivery report of {broadcastId}");
            }

            await Task.Delay(100);
        }
    }

    private static string? Op(Received m) => JsonNode.Parse(m.Payload)?["op"]?.GetValue<string>();

    /// <summary>§8.1.2: FNV-1a 32 of the UTF-8 stream id.</summary>
    private static uint Fnv1a(string s)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    private sealed record Received(string Topic, byte[] Bytes)
    {
        public string Payload => Encoding.UTF8.GetString(Bytes);
    }

    /// <summary>The smallest speaker protocol.md describes, written from the document, not from our code.</summary>
    private sealed class DocumentSpeaker(int port, string secret) : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>();
        private readonly List<Received> _seen = [];

        public async Task ConnectAsync()
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                _inbox.Writer.TryWrite(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };

            // §2.2: client id = username = device id, password = secret, clean start, session expiry 0, will offline (QoS 1, retained).
            await _client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithClientId(Id)
                .WithCredentials(Id, secret)
                .WithCleanStart(true)
                .WithSessionExpiryInterval(0)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithWillTopic($"{Root}/dev/{Id}/state")
                .WithWillPayload(Encoding.UTF8.GetBytes("""{"v":1,"status":"offline"}"""))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(true)
                .Build());

            // §2.3 step 1: subscribe (one packet) and wait for the SUBACK; no zone yet: it knows none.
            var sub = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"{Root}/dev/{Id}/desired", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"{Root}/dev/{Id}/cmd", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"{Root}/hub/state", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter($"{Root}/stream/+", MqttQualityOfServiceLevel.AtMostOnce)
                .Build());
            sub.Items.Should().OnlyContain(i => (int)i.ResultCode < 0x80, "the ACL grants a speaker its own topics");

            // §2.3 step 2 / §4.2: the birth, QoS 1, retained.
            var boot = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            await PublishAsync($"{Root}/dev/{Id}/state", $$"""{"v":1,"status":"online","kind":"speaker","fw":"doc-1.0","boot":"{{boot}}","caps":["opus"],"interval":30}""", retain: true);
        }

        /// <summary>§2.3 / §4.4: apply the desired zones (subscribe to their play topics), then report the version.</summary>
        public async Task FollowAsync(long version, IReadOnlyList<string> zones)
        {
            var filters = new MqttClientSubscribeOptionsBuilder();
            foreach (var zone in zones)
            {
                filters.WithTopicFilter($"{Root}/zone/{zone}/play", MqttQualityOfServiceLevel.AtLeastOnce);
            }

            var sub = await _client.SubscribeAsync(filters.Build());
            sub.Items.Should().OnlyContain(i => (int)i.ResultCode < 0x80, "the registry gives the device these zones");
            var reported = new JsonObject { ["v"] = 1, ["version"] = version, ["state"] = new JsonObject { ["zones"] = new JsonArray([.. zones.Select(z => (JsonNode?)z)]) } };
            await PublishAsync($"{Root}/dev/{Id}/reported", reported.ToJsonString(), retain: true);
        }

        /// <summary>§4.6: one event, QoS 1, not retained.</summary>
        public Task EventAsync(string type, string stream, JsonObject data) =>
            PublishAsync($"{Root}/dev/{Id}/event", new JsonObject { ["v"] = 1, ["type"] = type, ["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["stream"] = stream, ["data"] = data }.ToJsonString(), retain: false);

        /// <summary>The first message (already received or still to come) matching <paramref name="match"/>.</summary>
        public async Task<Received> NextAsync(Func<Received, bool> match)
        {
            if (_seen.FirstOrDefault(match) is { } past)
            {
                return past;
            }

            using var timeout = new CancellationTokenSource(CommuneHarness.Wait);
            while (true)
            {
                var message = await _inbox.Reader.ReadAsync(timeout.Token);
                _seen.Add(message);
                if (match(message))
                {
                    return message;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await PublishAsync($"{Root}/dev/{Id}/state", """{"v":1,"status":"offline"}""", retain: true);
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }

        private async Task PublishAsync(string topic, string json, bool retain)
        {
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(json)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build());
            result.IsSuccess.Should().BeTrue($"the broker accepts {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }
}
