using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Faults;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// The node's MQTT connection: connect with the will, subscribe to the device's topics, publish
/// after the injected latency. The socket can be cut without a DISCONNECT, like a power cut.
/// </summary>
internal sealed class NodeLink : IAsyncDisposable
{
    // The will, exactly as protocol v1 writes it (no ts: the broker sends it when the device cannot).
    private static readonly byte[] WillPayload = """{"v":1,"status":"offline"}"""u8.ToArray();

    private readonly NodeContext _node;
    private readonly IMqttClient _client;
    private readonly SeverableStreamProvider _socket = new();
    private LinkProxy? _proxy;

    public NodeLink(NodeContext node)
    {
        _node = node;
        _client = new MqttClientFactory().CreateMqttClient();
    }

    public event Func<MqttClientDisconnectedEventArgs, Task> DisconnectedAsync
    {
        add => _client.DisconnectedAsync += value;
        remove => _client.DisconnectedAsync -= value;
    }

    public event Func<MqttApplicationMessageReceivedEventArgs, Task> MessageReceivedAsync
    {
        add => _client.ApplicationMessageReceivedAsync += value;
        remove => _client.ApplicationMessageReceivedAsync -= value;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>The node's own link proxy when <see cref="FaultOptions.UseLinkProxy"/> is on.</summary>
    public LinkProxy? Proxy => _proxy;

    private NodeOptions Options => _node.Options;

    /// <summary>Starts the proxy once, the first time the node powers on with one configured.</summary>
    public void StartProxyIfConfigured()
    {
        if (Options.Faults.UseLinkProxy && _proxy is null)
        {
            _proxy = new LinkProxy(Options.Host, Options.Port) { Latency = Options.Faults.LinkLatency, Jitter = Options.Faults.LinkJitter };
            _proxy.Start();
        }
    }

    /// <summary>Resets the TCP connection with no DISCONNECT: the broker publishes the will.</summary>
    public bool Sever() => _socket.Sever();

    public Task ConnectAsync(CancellationToken ct) => _client.ConnectAsync(BuildClientOptions(), ct);

    public Task DisconnectAsync(CancellationToken ct) => _client.DisconnectAsync(new MqttClientDisconnectOptions(), ct);

    public async Task SubscribeAsync(CancellationToken ct)
    {
        var topics = _node.Topics;
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topics.Desired(_node.DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(topics.Command(_node.DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(topics.TimeReply(_node.DeviceId), MqttQualityOfServiceLevel.AtMostOnce)
            .WithTopicFilter(topics.HubState, MqttQualityOfServiceLevel.AtLeastOnce);
        if (Options.Kind == DeviceKind.Speaker)
        {
            // Zone play orders come from the desired zones (NodeZones), not from here.
            subscribe.WithTopicFilter(topics.AllStreams, MqttQualityOfServiceLevel.AtMostOnce);
        }

        var result = await _client.SubscribeAsync(subscribe.Build(), ct);
        var refused = result.Items.Where(i => (int)i.ResultCode >= 0x80).Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}").ToList();
        if (refused.Count > 0)
        {
            // A firmware keeps working with what it got; the refusal is worth a look, not a crash.
            _node.LastError = "subscriptions refused: " + string.Join(", ", refused);
        }
    }

    /// <summary>Subscribes to <c>zone/{z}/play</c> of each zone; returns the zones the broker granted.</summary>
    public async Task<IReadOnlyList<string>> SubscribeZonesAsync(IReadOnlyList<string> zones, CancellationToken ct)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var zone in zones)
        {
            subscribe.WithTopicFilter(_node.Topics.ZonePlay(zone), MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(subscribe.Build(), ct);
        var refused = result.Items.Where(i => (int)i.ResultCode >= 0x80).Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}").ToList();
        if (refused.Count > 0)
        {
            _node.LastError = "subscriptions refused: " + string.Join(", ", refused);
        }

        return [.. zones.Where(z => result.Items.Any(i => i.TopicFilter.Topic == _node.Topics.ZonePlay(z) && (int)i.ResultCode < 0x80))];
    }

    public async Task UnsubscribeZonesAsync(IReadOnlyList<string> zones, CancellationToken ct)
    {
        var unsubscribe = new MqttClientUnsubscribeOptionsBuilder();
        foreach (var zone in zones)
        {
            unsubscribe.WithTopicFilter(_node.Topics.ZonePlay(zone));
        }

        await _client.UnsubscribeAsync(unsubscribe.Build(), ct);
    }

    /// <summary>Publishes after the injected latency; false when not connected or refused.</summary>
    public async Task<bool> PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain, CancellationToken ct)
    {
        await InjectLatencyAsync(ct);
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        // The write itself is never cancelled: a PUBLISH cut in half leaves the stream corrupt,
        // and the offline message of a clean stop right after then never gets its PUBACK (seen
        // under load). The caller's token only stops the waiting; MQTTnet's own timeout ends the rest.
        var publish = _client.PublishAsync(message, CancellationToken.None);
        _ = publish.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            var result = await publish.WaitAsync(ct);
            return result.IsSuccess;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The configured latency (and jitter) before every publish and every handled message.</summary>
    public Task InjectLatencyAsync(CancellationToken ct)
    {
        var faults = Options.Faults;
        if (!faults.AddsLatency)
        {
            return Task.CompletedTask;
        }

        var delay = faults.Latency + (faults.LatencyJitter * Random.Shared.NextDouble());
        return Task.Delay(delay, Options.Time, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        _client.Dispose();
    }

    private MqttClientOptions BuildClientOptions()
    {
        var (host, port) = _proxy is { } proxy ? ("127.0.0.1", proxy.Port) : (Options.Host, Options.Port);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithStreamProvider(_socket)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_node.DeviceId)
            .WithCredentials(_node.DeviceId, Options.Secret)
            .WithKeepAlivePeriod(Options.KeepAlive)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .WithTimeout(Options.ConnectTimeout)
            .WithWillTopic(_node.Topics.DeviceState(_node.DeviceId))
            .WithWillPayload(WillPayload)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true);
        if (Options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                tls.WithTargetHost(Options.Host);
                if (Options.AllowUntrustedCertificates)
                {
                    tls.WithCertificateValidationHandler(_ => true);
                }
            });
        }

        return builder.Build();
    }
}
