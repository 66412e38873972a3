using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MQTTnet;
using TanKy.DeviceSim.Commands;
using TanKy.DeviceSim.Faults;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// One simulated device firmware speaking protocol v1 over a real MQTT connection: birth and
/// will, telemetry, desired → reported, commands → replies, reconnect with backoff, reboots and
/// abrupt deaths. It knows only TanKy.Protocol, like a real device.
/// </summary>
public sealed partial class SimulatedNode : IAsyncDisposable, INodeActions
{
    private static readonly TimeSpan ShutdownPublishTimeout = TimeSpan.FromSeconds(5);

    private readonly Topics _topics;
    private readonly IMqttClient _client;
    private readonly SeverableStreamProvider _socket = new();
    private readonly ActivityWaiters _waiters = new();
    private readonly CommandTable _commands;
    private readonly TelemetrySource _telemetry;
    private readonly Channel<InboundMessage> _inbound;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task? _worker;
    private LinkProxy? _link;
    private CancellationTokenSource? _runCts;
    private CancellationTokenSource? _powerOn;
    private Task? _runTask;
    private bool _running;
    private bool _disposed;
    private volatile NodeStatus _status = NodeStatus.Stopped;
    private int _online;
    private string _bootId = NewBootId();
    private DateTimeOffset _bootedAt;

    public SimulatedNode(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _topics = new Topics(options.Site);
        _commands = CommandTable.For(options.Kind);
        _telemetry = new TelemetrySource(options.Kind);
        // A small device has a small receive queue: when it is full the oldest message goes.
        _inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnClientDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        InitAudio();
    }

    public NodeOptions Options { get; }

    public string DeviceId => Options.DeviceId;

    public NodeStatus Status => _status;

    /// <summary>True once connected, subscribed and the birth is published.</summary>
    public bool IsConnected => Volatile.Read(ref _online) == 1;

    /// <summary>Random 16 hex digits chosen at each simulated boot.</summary>
    public string BootId => Volatile.Read(ref _bootId);

    /// <summary>Number of successful connects (birth published) over the node's life.</summary>
    public int ConnectCount { get; private set; }

    /// <summary>Last connect error (refused credentials, broker down…), for diagnostics.</summary>
    public string? LastError { get; private set; }

    /// <summary>The node's own link proxy when <see cref="FaultOptions.UseLinkProxy"/> is on.</summary>
    public LinkProxy? Link => _link;

    /// <summary>Everything that happens to the node. Handlers run on the node's threads: keep them short.</summary>
    public event EventHandler<NodeActivity>? Activity;

    /// <summary>Begins the connect loop in the background and returns at once.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        Task? previous;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_running)
            {
                return;
            }

            _running = true;
            previous = _runTask;
        }

        if (previous is not null)
        {
            // A killed node's old loop must be gone before the new boot starts.
            await previous.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _worker ??= Task.Run(() => InboundWorkerAsync(_lifetime.Token), CancellationToken.None);
        if (Options.Faults.UseLinkProxy && _link is null)
        {
            _link = new LinkProxy(Options.Host, Options.Port) { Latency = Options.Faults.LinkLatency, Jitter = Options.Faults.LinkJitter };
            _link.Start();
        }

        NewBoot();
        var cts = new CancellationTokenSource();
        lock (_gate)
        {
            _runCts = cts;
            _runTask = Task.Run(() => RunAsync(cts.Token), CancellationToken.None);
        }
    }

    /// <summary>Clean shutdown: offline state published first (MQTTnet #2256), then DISCONNECT.</summary>
    public async Task StopAsync()
    {
        // A killed node waiting for its power to come back stays off.
        Interlocked.Exchange(ref _powerOn, null)?.Cancel();
        if (!await HaltLoopAsync())
        {
            return;
        }

        await GoOfflineCleanlyAsync("clean shutdown");
        PowerOffAudio(resetClock: false);

        // MQTTnet may report the disconnect a little later; the node is offline now.
        MarkOffline("stopped");
        SetStatus(NodeStatus.Stopped);
        Raise(NodeActivityKind.Stopped);
    }

    /// <summary>
    /// Abrupt death, like a power cut: the TCP connection is reset with no DISCONNECT, so the
    /// broker publishes the will. With <paramref name="powerBackAfter"/> the node boots again
    /// (new boot id) after that delay; otherwise it stays dead until <see cref="StartAsync"/>.
    /// </summary>
    public void Kill(TimeSpan? powerBackAfter = null)
    {
        CancellationTokenSource? cts;
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }

            _running = false;
            cts = _runCts;
        }

        SetStatus(NodeStatus.Killed);
        cts?.Cancel();
        PowerOffAudio(resetClock: false);
        _socket.Sever();
        Raise(NodeActivityKind.Killed);
        if (powerBackAfter is { } delay)
        {
            var powerOn = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            Interlocked.Exchange(ref _powerOn, powerOn)?.Cancel();
            _ = PowerOnLaterAsync(delay, powerOn.Token);
        }
    }

    /// <summary>Loses the link abruptly (will published) but stays alive and reconnects with backoff.</summary>
    public bool SeverLink() => _socket.Sever();

    /// <summary>Reboots like the <c>reboot</c> command: offline, disconnect, new boot id, reconnect.</summary>
    public async Task RebootAsync()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }
        }

        _rebootRequested = true;
        SetStatus(NodeStatus.Rebooting);
        Raise(NodeActivityKind.Rebooting);
        // If the link died on its own meanwhile, the loop reboots all the same.
        await GoOfflineCleanlyAsync("reboot");
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        await StopAsync();
        lock (_gate)
        {
            _disposed = true;
        }

        await _lifetime.CancelAsync();
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_link is not null)
        {
            await _link.DisposeAsync();
        }

        _cache?.Dispose();
        _client.Dispose();
        _lifetime.Dispose();
    }

    private void NewBoot()
    {
        Volatile.Write(ref _bootId, NewBootId());
        _bootedAt = Options.Time.GetUtcNow();
        Interlocked.Exchange(ref _seq, 0);
        _telemetry.Reset();
        PowerOffAudio(resetClock: true);
    }

    private static string NewBootId() => RandomNumberGenerator.GetHexString(16, lowercase: true);

    private void SetStatus(NodeStatus status) => _status = status;

    private void Raise(NodeActivityKind kind, long? version = null, long? seq = null, CommandOutcome? command = null, string? detail = null, Action? stateChange = null)
    {
        var activity = new NodeActivity(kind, DeviceId, BootId, version, seq, command, detail);
        _waiters.Publish(activity, stateChange);
        try
        {
            Activity?.Invoke(this, activity);
        }
        catch (Exception ex)
        {
            // An observer's bug must not break the simulated firmware.
            LastError = $"activity handler: {ex.Message}";
        }
    }
}
