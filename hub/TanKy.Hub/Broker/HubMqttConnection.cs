using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Broker;

/// <summary>
/// The hub's own MQTT 5 client, the same in Embedded and External mode: birth and will on
/// <c>hub/state</c>, one subscription to every device topic, validation and dispatch of what
/// devices publish, and a reconnect loop (MQTTnet 5 has no managed client).
/// </summary>
internal sealed class HubMqttConnection : IHostedService, IHubMqtt, IHubMqttConnections, IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly IBrokerEndpoint _endpoint;
    private readonly HubMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<HubMqttConnection> _logger;
    private readonly Topics _topics;
    private readonly string _clientId;
    private readonly string _bootId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly IMqttClient _client;
    private readonly HandlerDispatcher _dispatcher;
    private readonly LogThrottle _throttle;
    private readonly DeviceRateLimiter? _inboundLimit;
    private readonly SemaphoreSlim _connectionLost = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _nextConnection = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _generation;
    private Task _loop = Task.CompletedTask;

    public HubMqttConnection(
        IBrokerEndpoint endpoint,
        IOptions<HubOptions> hub,
        IEnumerable<IDeviceMessageHandler> handlers,
        HubMetrics metrics,
        TimeProvider time,
        ILogger<HubMqttConnection> logger,
        IOptions<BrokerOptions>? broker = null,
        DeviceFloodAlerts? floodAlerts = null)
    {
        floodAlerts ??= new DeviceFloodAlerts(time);
        _endpoint = endpoint;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _topics = new Topics(hub.Value.Site);
        _clientId = BrokerIdentities.HubClientId(_topics.Site);
        _throttle = new LogThrottle(time, TimeSpan.FromSeconds(30));
        _dispatcher = new HandlerDispatcher(handlers, _throttle, logger, metrics, floodAlerts);

        // The embedded broker limits each device before its messages fan out; an external broker
        // (Mosquitto) has no per-client rate limit, so the hub limits what it takes in itself.
        _inboundLimit = broker?.Value.Mode == BrokerMode.External
            ? new DeviceRateLimiter(broker.Value.RateLimit, time, metrics, floodAlerts, "hub's inbound connection")
            : null;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Random id of this hub run, published in <c>hub/state</c>.</summary>
    public string BootId => _bootId;

    /// <summary>Completes when the connection is (again) up and subscribed.</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken) => Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    /// <summary>How many times the connection has come up (0 before the first time).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Completes once the connection has come up more than <paramref name="generation"/> times:
    /// after a broker restart or loss, features that must restore broker state (retained desired
    /// state) wait here and act on every reconnection, not only the first.
    /// </summary>
    public Task WaitNextConnectionAsync(long generation, CancellationToken cancellationToken)
    {
        // Read the signal before the count: a connection made in between completes this signal.
        var next = Volatile.Read(ref _nextConnection);
        return Generation > generation ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _dispatcher.Start();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_client.IsConnected)
        {
            try
            {
                // A clean disconnect does not fire the will: say "offline" ourselves first.
                await PublishAsync(_topics.HubState, HubState(ProtocolConstants.StatusOffline), retain: true, qos: 1, cancellationToken);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
                _logger.LogInformation("Hub MQTT connection closed");
            }
            // MQTTnet cancels its own pending publish when the connection drops mid-stop (the
            // embedded broker stopping too), and the host cancels the stop when its shutdown grace
            // runs out (seen on a loaded machine). Either way the stop goes on: a hub that cannot
            // say "offline" leaves it to its will, and a stop that throws would fail the host's.
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not close the hub MQTT connection cleanly; the broker will publish the will");
            }
        }

        await _dispatcher.StopAsync(cancellationToken);
    }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default)
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException($"cannot publish to {topic}: the hub is not connected to the MQTT broker");
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 1))
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"broker refused publish to {topic}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Without a StopAsync first, queued messages are abandoned rather than waited for.
        await _dispatcher.StopAsync(new CancellationToken(canceled: true));
        _client.Dispose();
        _stopping.Dispose();
        _connectionLost.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await _endpoint.WaitReadyAsync(ct);
            var retry = FirstRetry;
            while (!ct.IsCancellationRequested)
            {
                if (_client.IsConnected)
                {
                    await _connectionLost.WaitAsync(ct);
                    continue;
                }

                try
                {
                    await ConnectOnceAsync(ct);
                    retry = FirstRetry;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    if (_throttle.ShouldLog("connect", out var suppressed))
                    {
                        _logger.LogWarning("Hub MQTT connection failed: {Error}; retrying in {Retry} ({Suppressed} failures not logged)", ex.Message, retry, suppressed);
                    }

                    await Task.Delay(Jitter(retry), _time, ct);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ConnectOnceAsync(CancellationToken ct)
    {
        var settings = _endpoint.Resolve();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(_clientId)
            .WithCredentials(settings.UserName, settings.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(ConnectTimeout)
            .WithWillTopic(_topics.HubState)
            .WithWillPayload(WillPayload(_bootId))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (settings.UseTls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        var result = await _client.ConnectAsync(builder.Build(), ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker {settings} answered {result.ResultCode}");
        }

        try
        {
            await PublishAsync(_topics.HubState, HubState(ProtocolConstants.StatusOnline), retain: true, qos: 1, ct);
            var subscription = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(_topics.AllDevices("+")).WithAtLeastOnceQoS().WithNoLocal(true).WithRetainAsPublished(true))
                .Build();
            var subscribed = await _client.SubscribeAsync(subscription, ct);
            var refused = subscribed.Items.FirstOrDefault(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2);
            if (refused is not null)
            {
                throw new InvalidOperationException($"broker refused subscription {refused.TopicFilter.Topic}: {refused.ResultCode}");
            }
        }
        catch
        {
            // Half set up is worse than down: drop the connection and let the loop retry from scratch.
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        _logger.LogInformation("Hub MQTT connection up: {Broker} as {ClientId}, boot {BootId}", settings, _clientId, _bootId);
        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _nextConnection, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        Volatile.Read(ref _connected).TrySetResult();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected)
        {
            Interlocked.Exchange(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (!_stopping.IsCancellationRequested)
            {
                _logger.LogWarning("Hub MQTT connection lost: {Reason} {Error}", e.Reason, e.Exception?.Message);
            }
        }

        try
        {
            _connectionLost.Release();
        }
        catch (SemaphoreFullException)
        {
        }

        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;

        // The hub's own desired/cmd messages come back as retained copies: not device input.
        var isTopic = Topics.TryParse(topic, out var parsed);
        if (isTopic && !parsed.IsDevicePublished)
        {
            return Task.CompletedTask;
        }

        // Before validation: a flood must cost as little as possible.
        if (_inboundLimit is { } limit && isTopic && parsed.Subject is { } deviceId && !limit.TryAccept(deviceId))
        {
            return Task.CompletedTask;
        }

        var payload = e.ApplicationMessage.Payload.ToArray();
        var result = PayloadValidator.Validate(_topics.Site, topic, payload);
        if (!result.IsValid)
        {
            // Only reachable with an external broker: the embedded one already dropped (and counted) these.
            _metrics.PayloadRejected(result.Error);
            if (_throttle.ShouldLog($"invalid:{topic}", out var suppressed))
            {
                _logger.LogWarning("Dropped invalid device message on {Topic}: {Error} {Reason} ({Suppressed} not logged)", topic, result.Error, result.Reason, suppressed);
            }
            else
            {
                _logger.LogDebug("Dropped invalid device message on {Topic}: {Error} {Reason}", topic, result.Error, result.Reason);
            }

            return Task.CompletedTask;
        }

        if (BrokerIdentities.IsReserved(result.Topic.Subject!))
        {
            // Mosquitto's %u patterns would let the hub or tools user write under dev/tanky-hub/…; that is no device.
            _metrics.PayloadRejected(ProtocolError.UnknownTopic);
            return Task.CompletedTask;
        }

        _dispatcher.Dispatch(new DeviceMessage(result.Topic, result.Message, payload, _time.GetUtcNow(), e.ApplicationMessage.Retain));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The retained <c>hub/state</c> the broker publishes if this connection dies. No <c>ts</c>:
    /// the broker sends it later, at a time the hub cannot know when it connects.
    /// </summary>
    internal static byte[] WillPayload(string bootId) =>
        ProtocolJson.Serialize(new HubStateMessage { Status = ProtocolConstants.StatusOffline, Boot = bootId });

    private byte[] HubState(string status) =>
        ProtocolJson.Serialize(new HubStateMessage { Status = status, Boot = _bootId, Ts = _time.GetUtcNow().ToUnixTimeMilliseconds() });

    /// <summary>±20 % so a fleet of hubs behind one broker does not retry in lockstep.</summary>
    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
}
