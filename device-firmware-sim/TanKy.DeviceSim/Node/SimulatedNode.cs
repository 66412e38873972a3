using System.Text.Json.Nodes;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Commands;
using TanKy.DeviceSim.Faults;
using TanKy.DeviceSim.Kinds;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// One simulated device firmware speaking protocol v1 over a real MQTT connection: birth and
/// will, telemetry, desired → reported, commands → replies, reconnect with backoff, reboots and
/// abrupt deaths. It knows only TanKy.Protocol, like a real device.
/// </summary>
/// <remarks>
/// A façade: the work is done by the parts it wires together — <see cref="NodeLink"/> (MQTT),
/// <see cref="NodeSession"/> (connect loop), <see cref="NodePower"/> (start, stop, kill, reboot),
/// <see cref="NodeInbox"/> (what arrives), <see cref="NodeDesiredState"/>, <see cref="NodeCommands"/>,
/// <see cref="TelemetryLoop"/> and <see cref="NodeAudio"/>. Everything that happens is told on
/// <see cref="Activity"/>, after the state it reports has changed.
/// </remarks>
public sealed class SimulatedNode : IAsyncDisposable, INodeActions
{
    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeZones _zones;
    private readonly NodeAudio _audio;
    private readonly NodeDesiredState _desired;
    private readonly NodeCommands _commands;
    private readonly TelemetryLoop _telemetry;
    private readonly NodeInbox _inbox;
    private readonly NodeSession _session;
    private readonly NodePower _power;
    private readonly KindEvents _events;

    public SimulatedNode(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _node = new NodeContext(options, this);
        _link = new NodeLink(_node);
        // The cache and the desired state need each other; the cache reports only once messages flow, long after this.
        _zones = new NodeZones(_node, _link);
        _audio = new NodeAudio(_node, _link, _zones, cacheChanged: () => _desired!.OnCacheChanged());
        _desired = new NodeDesiredState(_node, _link, _audio.Cache, _zones);
        _commands = new NodeCommands(_node, _link, this);
        _telemetry = new TelemetryLoop(_node, _link, _desired);
        _inbox = new NodeInbox(_node, _link, _desired, _commands, _audio);
        _session = new NodeSession(_node, _link, _desired, _telemetry, _audio, _zones);
        _power = new NodePower(_node, _link, _session, _inbox, _audio);
        _events = new KindEvents(_node, _link);
    }

    /// <summary>Everything that happens to the node. Handlers run on the node's threads: keep them short.</summary>
    public event EventHandler<NodeActivity>? Activity
    {
        add => _node.Activity += value;
        remove => _node.Activity -= value;
    }

    public NodeOptions Options => _node.Options;

    public string DeviceId => _node.DeviceId;

    public NodeStatus Status => _node.Status;

    /// <summary>True once connected, subscribed and the birth is published.</summary>
    public bool IsConnected => _session.IsConnected;

    /// <summary>Random 16 hex digits chosen at each simulated boot.</summary>
    public string BootId => _node.BootId;

    /// <summary>Number of successful connects (birth published) over the node's life.</summary>
    public int ConnectCount => _session.ConnectCount;

    /// <summary>Last connect error (refused credentials, broker down…), for diagnostics.</summary>
    public string? LastError => _node.LastError;

    /// <summary>The node's own link proxy when <see cref="FaultOptions.UseLinkProxy"/> is on.</summary>
    public LinkProxy? Link => _link.Proxy;

    /// <summary>Telemetry messages sent in the current boot, so also the seq of the next one.</summary>
    public long TelemetrySent => _telemetry.Sent;

    /// <summary>The desired version applied last (kept across reconnects and reboots, like flash); null before any.</summary>
    public long? AppliedVersion => _desired.AppliedVersion;

    /// <summary>The desired version whose reported state was published last; null before any.</summary>
    public long? ReportedVersion => _desired.ReportedVersion;

    /// <summary>A copy of the state applied last.</summary>
    public JsonObject AppliedState => _desired.AppliedState;

    /// <summary>A speaker's zones from its applied desired state (empty before any, and for other kinds).</summary>
    public IReadOnlyList<string> Zones => _zones.Applied;

    /// <summary>The zones whose play orders the broker delivers now (subscribed on this connection).</summary>
    public IReadOnlyList<string> SubscribedZones => _zones.Subscribed;

    /// <summary>Last status seen on <c>hub/state</c> (online/offline), null before any.</summary>
    public string? HubStatus => _inbox.HubStatus;

    /// <summary>The node's own clock now (Unix µs): <see cref="NodeOptions.Time"/> + offset (+ drift).</summary>
    public long ClockNowMicros => _audio.Clock.NowMicros;

    /// <summary>Estimated hub clock minus node clock (µs); null before the first exchange.</summary>
    public long? ClockOffsetEstimate => _audio.ClockOffsetEstimate;

    /// <summary>True once the estimator has enough samples (64) to place frames (protocol.md §8.2.3).</summary>
    public bool IsClockSynchronised => _audio.IsClockSynchronised;

    /// <summary>Clock samples in the estimator's window.</summary>
    public int ClockSamples => _audio.ClockSamples;

    public long ClockRequestsSent => _audio.ClockRequestsSent;

    /// <summary>Per-node audio counters (frames played, concealed, late…), over the node's life.</summary>
    public AudioCounters AudioCounters => _audio.Counters;

    /// <summary>The stream the speaker follows now, if any.</summary>
    public string? ActiveStreamId => _audio.ActiveStreamId;

    /// <summary>Stats of the stream that started or ended last.</summary>
    public PlaybackStats? LastPlayback => _audio.LastPlayback;

    /// <summary>Playback events not yet published (link down).</summary>
    public int PendingEvents => _audio.PendingEvents;

    /// <summary>Stats of <paramref name="streamId"/> as last reported (started or finished), or null.</summary>
    public PlaybackStats? PlaybackOf(string streamId) => _audio.PlaybackOf(streamId);

    /// <summary>The outcome of command <paramref name="commandId"/> if it is among the last 32 handled, or null.</summary>
    public CommandOutcome? HandledCommand(string commandId) => _commands.Find(commandId);

    /// <summary>Begins the connect loop in the background and returns at once.</summary>
    public Task StartAsync(CancellationToken ct = default) => _power.StartAsync(ct);

    /// <summary>Clean shutdown: offline state published first (MQTTnet #2256), then DISCONNECT.</summary>
    public Task StopAsync() => _power.StopAsync();

    /// <summary>
    /// Abrupt death, like a power cut: the TCP connection is reset with no DISCONNECT, so the
    /// broker publishes the will. With <paramref name="powerBackAfter"/> the node boots again
    /// (new boot id) after that delay; otherwise it stays dead until <see cref="StartAsync"/>.
    /// </summary>
    public void Kill(TimeSpan? powerBackAfter = null) => _power.Kill(powerBackAfter);

    /// <summary>Loses the link abruptly (will published) but stays alive and reconnects with backoff.</summary>
    public bool SeverLink() => _link.Sever();

    /// <summary>Reboots like the <c>reboot</c> command: offline, disconnect, new boot id, reconnect.</summary>
    public Task RebootAsync() => _power.RebootAsync();

    /// <summary>Publishes <c>camera.tamper</c> (the lens covered or the camera moved). True when the broker took it.</summary>
    public Task<bool> RaiseTamperAsync(string reason, CancellationToken ct = default) =>
        _events.PublishAsync("camera.tamper", new JsonObject { ["reason"] = reason }, ct);

    /// <summary>Publishes one event on <c>dev/{id}/event</c>, QoS 1.</summary>
    public Task<bool> PublishKindEventAsync(string type, JsonObject? data, CancellationToken ct = default) =>
        _events.PublishAsync(type, data, ct);

    public async ValueTask DisposeAsync()
    {
        if (!await _power.ShutDownForGoodAsync())
        {
            return;
        }

        await _node.Lifetime.CancelAsync();
        await _inbox.DisposeAsync();
        _audio.Dispose();
        await _link.DisposeAsync();
        _node.Dispose();
    }
}
