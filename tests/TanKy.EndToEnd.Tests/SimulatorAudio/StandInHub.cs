using System.Buffers;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Clock;
using TanKy.EndToEnd.Tests.Simulator;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>One <c>dev/{id}/event</c> the stand-in received.</summary>
internal sealed record ReceivedEvent(string DeviceId, EventMessage Message, long ReceivedHubMicros)
{
    public JsonObject Data => Message.Data ?? [];
}

/// <summary>
/// The hub's audio side, just enough to test speakers until the real one merges: answers
/// <c>dev/+/time</c> from its own clock (t2 at receipt, t3 right before sending), publishes play
/// orders and raw audio messages, and records <c>dev/+/event</c>. A plain MQTT client on the test
/// broker, speaking protocol.md only. Its clock is the machine clock, so node "true" errors hold.
/// </summary>
internal sealed class StandInHub : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Topics _topics = new("tan-ky");
    private readonly Channel<(string Device, long T1, long T2)> _timeRequests = Channel.CreateUnbounded<(string, long, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<ReceivedEvent> _events = [];
    private readonly List<(Func<ReceivedEvent, bool> Match, TaskCompletionSource<ReceivedEvent> Done)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _responder;

    public NodeClock Clock { get; } = new(TimeProvider.System, TimeSpan.Zero);

    public long NowMicros => Clock.NowMicros;

    public long TimeRepliesSent { get; private set; }

    public IReadOnlyList<ReceivedEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public static async Task<StandInHub> ConnectAsync(int port)
    {
        var hub = new StandInHub();
        hub._client.ApplicationMessageReceivedAsync += hub.OnMessage;
        await hub._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("tanky-hub-tan-ky").WithCleanStart(true).Build());
        await hub._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(hub._topics.AllDevices("time"), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(hub._topics.AllDevices("event"), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        hub._responder = hub.AnswerTimeRequestsAsync(hub._stop.Token);
        return hub;
    }

    /// <summary>
    /// A speaker's desired <c>zones</c>, retained (QoS 1) as the hub's outbox publishes them: a
    /// speaker learns its zones only this way (issue #15), before or after it connects.
    /// </summary>
    public Task PublishDesiredZonesAsync(string deviceId, long version, params string[] zones) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(_topics.Desired(deviceId))
            .WithPayload(ProtocolJson.Serialize(new DesiredStateMessage { V = 1, Version = version, Ts = NowMicros / 1000, State = new JsonObject { ["zones"] = new JsonArray([.. zones.Select(z => (JsonNode?)z)]) } }))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(true)
            .Build());

    public Task PlayAsync(string zone, string stream, uint? epoch, string? playbackClass = null, long? start = null, string? codec = null) =>
        PublishOrderAsync(zone, new PlayOrderMessage { V = 1, Op = "play", Stream = stream, Class = playbackClass, Codec = codec, Start = start, Epoch = epoch, Ts = NowMicros / 1000 });

    public Task StopAsync(string zone, string stream) =>
        PublishOrderAsync(zone, new PlayOrderMessage { V = 1, Op = "stop", Stream = stream, Ts = NowMicros / 1000 });

    /// <summary>One binary audio message on <c>stream/{stream}</c>, QoS 0 as §3.2 demands.</summary>
    public Task PublishAudioAsync(string stream, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(_topics.Stream(stream))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build());

    /// <summary>The first event (already received or still to come) matching <paramref name="match"/>.</summary>
    public async Task<ReceivedEvent> WaitForEventAsync(Func<ReceivedEvent, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<ReceivedEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_events.FirstOrDefault(match) is { } past)
            {
                return past;
            }

            _waiters.Add((match, done));
        }

        return await done.Task.WaitAsync(timeout ?? Waits.Default);
    }

    public Task<ReceivedEvent> WaitForEventAsync(string device, string type, string stream, TimeSpan? timeout = null) =>
        WaitForEventAsync(e => e.DeviceId == device && e.Message.Type == type && e.Message.Stream == stream, timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _timeRequests.Writer.TryComplete();
        if (_responder is not null)
        {
            await _responder.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private Task PublishOrderAsync(string zone, PlayOrderMessage order) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(_topics.ZonePlay(zone))
            .WithPayload(ProtocolJson.Serialize(order))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        // t2 as early as we can: before validation and queueing (protocol.md §8.2.1).
        var t2 = NowMicros;
        var m = e.ApplicationMessage;
        var validated = PayloadValidator.Validate("tan-ky", m.Topic, m.Payload.ToArray());
        switch (validated.Message)
        {
            case TimeRequestMessage request:
                _timeRequests.Writer.TryWrite((validated.Topic.Subject!, request.T1, t2));
                break;
            case EventMessage ev:
                Record(new ReceivedEvent(validated.Topic.Subject!, ev, t2));
                break;
        }

        return Task.CompletedTask;
    }

    private async Task AnswerTimeRequestsAsync(CancellationToken ct)
    {
        // Replies are published from one worker, never from the receive callback, so the client's
        // receive loop is never blocked by its own sends; t3 is taken right before each send.
        await foreach (var (device, t1, t2) in _timeRequests.Reader.ReadAllAsync(ct))
        {
            var reply = new TimeReplyMessage { V = 1, T1 = t1, T2 = t2, T3 = NowMicros };
            await _client.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic(_topics.TimeReply(device)).WithPayload(ProtocolJson.Serialize(reply)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(),
                ct);
            TimeRepliesSent++;
        }
    }

    private void Record(ReceivedEvent ev)
    {
        List<TaskCompletionSource<ReceivedEvent>> hit = [];
        lock (_gate)
        {
            _events.Add(ev);
            foreach (var w in _waiters.Where(w => w.Match(ev)).ToList())
            {
                hit.Add(w.Done);
                _waiters.Remove(w);
            }
        }

        hit.ForEach(d => d.TrySetResult(ev));
    }
}
