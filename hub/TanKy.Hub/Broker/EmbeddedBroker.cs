using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using TanKy.Hub.Shared;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

/// <summary>
/// The in-process MQTTnet broker (Broker:Mode = Embedded): authentication, ACL, payload
/// validation, limits and retained-message persistence. The hub's own connection reaches it
/// through <see cref="IBrokerEndpoint"/> with a password made fresh for every process; the rest of
/// the hub learns the bound ports through <see cref="IBrokerAddress"/>.
/// </summary>
internal sealed class EmbeddedBroker : IHostedService, IBrokerEndpoint, IBrokerAddress, IBrokerStatistics, IAsyncDisposable
{
    private readonly BrokerOptions _options;
    private readonly HubMetrics _metrics;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly BrokerAuthenticator _authenticator;
    private readonly BrokerPolicy _policy;
    private readonly ConnectionLimiter _limiter;
    private readonly RetainedMessageStore _retained;
    private readonly LogThrottle _throttle;
    private readonly BrokerTimeAnswerer _timeAnswerer;
    private readonly RevokedSessionSweeper _sweeper;
    private readonly TimeProvider _time;
    private readonly EdgeTcpServerAdapter _edge;
    private readonly string _hubClientId;
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeping = Task.CompletedTask;
    private readonly string _internalPassword = SecretHasher.NewSecret();
    private readonly TaskCompletionSource<BrokerListeners> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MqttServer? _server;
    private BrokerListeners? _listeners;

    public EmbeddedBroker(
        IOptions<BrokerOptions> options,
        IOptions<HubOptions> hub,
        Database db,
        HubMetrics metrics,
        IDeviceAuthenticator devices,
        TimeProvider time,
        ILogger<EmbeddedBroker> logger,
        DeviceFloodAlerts? floodAlerts = null)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _throttle = new LogThrottle(time, TimeSpan.FromSeconds(30));
        _authenticator = new BrokerAuthenticator(devices, hub.Value.Site, _internalPassword, _options.Tools);
        _policy = new BrokerPolicy(new TopicAcl(hub.Value.Site), _options.MaxPacketSize, metrics, _throttle, logger,
            new DeviceRateLimiter(_options.RateLimit, time, metrics, floodAlerts ?? new DeviceFloodAlerts(time), "embedded broker"), devices);
        _limiter = new ConnectionLimiter(_options.MaxConnections);
        _retained = new RetainedMessageStore(db, time, logger);
        _timeAnswerer = new BrokerTimeAnswerer(hub.Value.Site, time);
        _sweeper = new RevokedSessionSweeper(devices, logger);
        _time = time;
        _edge = new EdgeTcpServerAdapter(_options, time, logger, _throttle, () => metrics.PayloadRejected(ProtocolError.TooLarge));
        _hubClientId = BrokerIdentities.HubClientId(hub.Value.Site);
    }

    /// <summary>Port of the plain listener once started (the configured one, or the one the OS chose for port 0).</summary>
    public int Port => _listeners?.Plain.Port ?? _options.Port;

    /// <summary>Port of the TLS listener once started.</summary>
    public int TlsPort => _listeners?.Tls?.Port ?? _options.Tls.Port;

    public int ConnectedClients => _limiter.Count;

    /// <summary>The listeners' edge: connections waiting for CONNECT, and those it closed.</summary>
    internal EdgeTcpServerAdapter Edge => _edge;

    /// <summary>Clock-sync requests answered inside the broker.</summary>
    public long TimeRequestsAnswered => _timeAnswerer.Answered;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var serverOptions = BuildServerOptions();
        // Our own listeners in place of MQTTnet's (see EdgeTcpServerAdapter and security.md).
        var server = new MqttServerFactory().CreateMqttServer(serverOptions, [_edge]);
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.ClientConnectedAsync += e => Track(e.UserName, e.ClientId, connected: true);
        server.ClientDisconnectedAsync += e => Track(e.UserName, e.ClientId, connected: false);
        server.InterceptingPublishAsync += e => { _metrics.BrokerMessageReceived(); return Task.CompletedTask; };
        server.InterceptingPublishAsync += async e =>
        {
            var t2 = _timeAnswerer.Now();
            await _policy.OnPublishAsync(e);
            if (_options.AnswerTimeRequests)
            {
                _timeAnswerer.TryAnswer(_server, e, t2);
            }
        };
        server.InterceptingSubscriptionAsync += _policy.OnSubscribeAsync;
        server.ApplicationMessageEnqueuedOrDroppedAsync += CountHubQueueDrops;
        server.InterceptingOutboundPacketAsync += AdvertiseLimits;
        server.LoadingRetainedMessageAsync += e =>
        {
            e.LoadedRetainedMessages = _retained.LoadAll();
            _logger.LogInformation("Loaded {Count} retained MQTT messages", e.LoadedRetainedMessages.Count);
            return Task.CompletedTask;
        };
        server.RetainedMessageChangedAsync += e =>
        {
            _retained.Enqueue(e.ChangedRetainedMessage);
            return Task.CompletedTask;
        };

        await server.StartAsync();
        _server = server;
        var listeners = BoundListeners(serverOptions);
        _listeners = listeners;
        _sweeping = _sweeper.RunAsync(server, _options.CredentialCheckInterval, _time, _stopping.Token);
        _logger.LogInformation(
            "Embedded MQTT broker listening on {Endpoint}{Tls}, max {MaxConnections} connections, max packet {MaxPacketSize} bytes, max {MaxPending} waiting for CONNECT ({ConnectTimeout} s, {MaxBytesBeforeConnect} bytes)",
            listeners.Plain, listeners.Tls is { } tls ? $" and TLS {tls}" : "", _options.MaxConnections, _options.MaxPacketSize,
            _options.MaxPendingConnections, _options.ConnectTimeout.TotalSeconds, _options.MaxBytesBeforeConnect);
        _ready.TrySetResult(listeners);
    }

    /// <summary>
    /// The endpoints the listeners bound. MQTTnet 5's TCP listener writes the port it got back into
    /// the endpoint options once bound (for port 0, the OS's choice; MQTTnet's own tests read it the
    /// same way), and the hub opens one address family per endpoint, so one port each. Checked: an
    /// MQTTnet that stopped doing so must fail the start, not send clients to port 0.
    /// </summary>
    private static BrokerListeners BoundListeners(MqttServerOptions options)
    {
        static IPEndPoint Bound(MqttServerTcpEndpointBaseOptions endpoint)
        {
            var address = endpoint.BoundInterNetworkAddress.Equals(IPAddress.None) ? endpoint.BoundInterNetworkV6Address : endpoint.BoundInterNetworkAddress;
            if (endpoint.Port is <= 0 or > IPEndPoint.MaxPort)
            {
                throw new InvalidOperationException($"the MQTT listener on {address} did not report the port it bound ({endpoint.Port})");
            }

            return new IPEndPoint(address, endpoint.Port);
        }

        return new BrokerListeners(Bound(options.DefaultEndpointOptions), options.TlsEndpointOptions.IsEnabled ? Bound(options.TlsEndpointOptions) : null);
    }

    /// <summary>Drops device sessions whose secret was rotated or whose device was removed (also runs every <see cref="BrokerOptions.CredentialCheckInterval"/>).</summary>
    internal Task<int> SweepRevokedSessionsAsync() => _server is { } server ? _sweeper.SweepAsync(server) : Task.FromResult(0);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await _sweeping;
        }
        catch (OperationCanceledException)
        {
        }

        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder()
                .WithDefaultClientDisconnectOptions(o => o.WithReasonCode(MqttDisconnectReasonCode.ServerShuttingDown))
                .Build());
            _logger.LogInformation("Embedded MQTT broker stopped");
        }

        // After the server stopped no retained message can change: write the last ones now.
        await _retained.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _server?.Dispose();
        _ready.TrySetCanceled();
    }

    Task IBrokerEndpoint.WaitReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public Task<BrokerListeners> WaitListeningAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    BrokerConnectionSettings IBrokerEndpoint.Resolve()
    {
        // Connect over loopback whenever the listener is on a wildcard address; otherwise the bound address itself.
        var bound = IPAddress.Parse(_options.BindAddress);
        var host = bound.Equals(IPAddress.Any) ? "127.0.0.1" : bound.Equals(IPAddress.IPv6Any) ? "::1" : bound.ToString();
        return new BrokerConnectionSettings(host, Port, UseTls: false, BrokerIdentities.HubUserName, _internalPassword);
    }

    private MqttServerOptions BuildServerOptions()
    {
        if (!IPAddress.TryParse(_options.BindAddress, out var address))
        {
            throw new InvalidOperationException($"Broker:BindAddress '{_options.BindAddress}' is not an IP address");
        }

        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions(false);

        // MQTTnet opens an IPv4 and an IPv6 socket unless told otherwise; a loopback-only
        // setting must not leave [::]:1883 open to the LAN.
        builder = v6
            ? builder.WithDefaultEndpointBoundIPAddress(IPAddress.None).WithDefaultEndpointBoundIPV6Address(address)
            : builder.WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointBoundIPV6Address(IPAddress.None);

        if (_options.Tls.Enabled)
        {
            var certificate = BrokerCertificateLoader.Load(_options.Tls);
            builder = builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(_options.Tls.Port)
                .WithEncryptionCertificate(certificate);
            var tlsAddress = _options.Tls.BindAddress is { Length: > 0 } tlsBind ? IPAddress.Parse(tlsBind) : address;
            builder = tlsAddress.AddressFamily == AddressFamily.InterNetworkV6
                ? builder.WithEncryptedEndpointBoundIPAddress(IPAddress.None).WithEncryptedEndpointBoundIPV6Address(tlsAddress)
                : builder.WithEncryptedEndpointBoundIPAddress(tlsAddress).WithEncryptedEndpointBoundIPV6Address(IPAddress.None);
        }

        return builder.Build();
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var identity = _authenticator.Authenticate(e.ClientId, e.UserName, e.Password, out var refusal);
        if (identity is null)
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            _metrics.AuthFailed();
            if (_throttle.ShouldLog($"auth:{e.RemoteEndPoint}", out var suppressed))
            {
                _logger.LogWarning(
                    "Refused MQTT connection of client {ClientId} user {UserName} from {RemoteEndPoint}: {Reason} ({Suppressed} similar not logged)",
                    e.ClientId, e.UserName, e.RemoteEndPoint, refusal, suppressed);
            }

            return Task.CompletedTask;
        }

        // The hub's own connection never counts against the limit: it must always get in.
        if (identity.Kind != MqttIdentityKind.Hub && !_limiter.MayConnect(e.ClientId))
        {
            // MQTT 3.1.1 has no "quota exceeded", and MQTTnet would turn it into "unsupported
            // protocol version", which sends a device looking for the wrong problem.
            e.ReasonCode = e.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500
                ? MqttConnectReasonCode.QuotaExceeded
                : MqttConnectReasonCode.ServerUnavailable;
            if (_throttle.ShouldLog("limit", out var suppressed))
            {
                _logger.LogWarning("Refused MQTT client {ClientId}: {MaxConnections} connections reached ({Suppressed} similar not logged)", e.ClientId, _options.MaxConnections, suppressed);
            }

            return Task.CompletedTask;
        }

        BrokerPolicy.Remember(e.SessionItems, identity);
        _edge.ConnectAccepted(e.RemoteEndPoint);
        return Task.CompletedTask;
    }

    private Task Track(string? userName, string clientId, bool connected)
    {
        if (userName == BrokerIdentities.HubUserName)
        {
            return Task.CompletedTask;
        }

        if (connected)
        {
            _limiter.Connected(clientId);
        }
        else
        {
            _limiter.Disconnected(clientId);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// MQTTnet keeps at most <c>MaxPendingMessagesPerClient</c> (250) messages per session and drops
    /// the oldest beyond, without a word: how a flood used to eat other devices' messages on their
    /// way to the hub. Counted, so it can never be silent again.
    /// </summary>
    private Task CountHubQueueDrops(ApplicationMessageEnqueuedEventArgs e)
    {
        if (e.IsDropped && e.ReceiverClientId == _hubClientId)
        {
            _metrics.HubQueueDrop();
        }

        return Task.CompletedTask;
    }

    /// <summary>Tells MQTT 5 clients the packet size limit in CONNACK (MQTT 3.1.1 has no such field).</summary>
    private Task AdvertiseLimits(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttConnAckPacket connAck)
        {
            connAck.MaximumPacketSize = (uint)_options.MaxPacketSize;
        }

        return Task.CompletedTask;
    }
}
