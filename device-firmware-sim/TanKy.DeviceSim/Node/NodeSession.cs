using MQTTnet;
using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// The connect loop of one boot: connect, subscribe, birth, then telemetry and audio while the
/// link lasts; backoff on loss, forever until stopped. Also the clean way out: offline, then DISCONNECT.
/// </summary>
internal sealed class NodeSession
{
    private static readonly TimeSpan ShutdownPublishTimeout = TimeSpan.FromSeconds(5);

    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeDesiredState _desired;
    private readonly TelemetryLoop _telemetry;
    private readonly NodeAudio _audio;
    private readonly NodeZones _zones;
    private TaskCompletionSource? _linkDown;
    private volatile bool _rebootRequested;
    private int _online;

    public NodeSession(NodeContext node, NodeLink link, NodeDesiredState desired, TelemetryLoop telemetry, NodeAudio audio, NodeZones zones)
    {
        (_node, _link, _desired, _telemetry, _audio, _zones) = (node, link, desired, telemetry, audio, zones);
        link.DisconnectedAsync += OnClientDisconnectedAsync;
    }

    /// <summary>True once connected, subscribed and the birth is published.</summary>
    public bool IsConnected => Volatile.Read(ref _online) == 1;

    /// <summary>Number of successful connects (birth published) over the node's life.</summary>
    public int ConnectCount { get; private set; }

    private NodeOptions Options => _node.Options;

    /// <summary>A new boot id; telemetry numbering, audio and clock samples start over.</summary>
    public void NewBoot()
    {
        _node.NewBoot();
        _telemetry.Reset();
        _audio.PowerOff(resetClock: true);
    }

    /// <summary>The loop boots again (new boot id, <see cref="NodeOptions.RebootDelay"/>) once the link is down.</summary>
    public void RequestReboot() => _rebootRequested = true;

    public async Task RunAsync(CancellationToken stop)
    {
        var attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            if (_node.Status != NodeStatus.Rebooting)
            {
                _node.Status = NodeStatus.Connecting;
            }

            var linkDown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _linkDown, linkDown);
            if (await TryConnectAsync(stop))
            {
                attempt = 0;
                await RunSessionAsync(linkDown.Task, stop);
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            TimeSpan delay;
            if (_rebootRequested)
            {
                _rebootRequested = false;
                NewBoot();
                delay = Options.RebootDelay;
            }
            else
            {
                delay = ReconnectBackoff.Delay(attempt++, Options.ReconnectBase, Options.ReconnectCap);
            }

            try
            {
                await Task.Delay(delay, Options.Time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Offline state first (the broker does not publish the will on a clean DISCONNECT, MQTTnet
    /// #2256), then DISCONNECT. Each step has its own timeout; if DISCONNECT cannot be sent the
    /// socket is reset, so the broker at least publishes the will instead of keeping a zombie.
    /// </summary>
    public async Task GoOfflineCleanlyAsync(string why)
    {
        if (!_link.IsConnected)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(ShutdownPublishTimeout))
        {
            try
            {
                await PublishOfflineAsync(timeout.Token);
            }
            catch (Exception ex)
            {
                _node.LastError = $"{why}: offline not published: {ex.Message}";
            }
        }

        using (var timeout = new CancellationTokenSource(ShutdownPublishTimeout))
        {
            try
            {
                await _link.DisconnectAsync(timeout.Token);
            }
            catch (Exception ex)
            {
                _node.LastError = $"{why}: DISCONNECT not sent: {ex.Message}";
                _link.Sever();
            }
        }
    }

    /// <summary>Raises Disconnected once per session, whoever notices first (MQTTnet or a stop).</summary>
    public void MarkOffline(string reason)
    {
        if (Interlocked.Exchange(ref _online, 0) == 1)
        {
            _node.Raise(NodeActivityKind.Disconnected, detail: reason);
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken stop)
    {
        _node.BirthSent = false;
        var started = Options.Time.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(Options.ConnectTimeout);
            await _link.ConnectAsync(timeout.Token);
        }
        catch (Exception ex)
        {
            if (!stop.IsCancellationRequested)
            {
                _node.LastError = ex.Message;
                _node.Raise(NodeActivityKind.ConnectFailed, detail: ex.Message);
            }

            return false;
        }

        try
        {
            await _link.SubscribeAsync(stop);
            await _zones.OnConnectedAsync(stop);
            var skipBirth = Options.Faults.ConformanceFault == ConformanceFault.NoBirth && ConnectCount > 0;
            if (!skipBirth && !await _link.PublishAsync(_node.Topics.DeviceState(_node.DeviceId), ProtocolJson.Serialize(Birth()), MqttQualityOfServiceLevel.AtLeastOnce, retain: true, stop))
            {
                throw new InvalidOperationException("birth was not accepted");
            }

            // A desired state applied before the birth was not reported yet: it is now (§2.3).
            _node.BirthSent = true;
            await _desired.RepublishIfNeededAsync(stop);
        }
        catch (Exception ex)
        {
            if (!stop.IsCancellationRequested)
            {
                // Half a session is no session: drop the link and start over with backoff.
                _node.LastError = $"after connect: {ex.Message}";
                _node.Raise(NodeActivityKind.ConnectFailed, detail: _node.LastError);
                _link.Sever();
            }

            return false;
        }

        ConnectCount++;
        _node.Status = NodeStatus.Online;
        var took = Options.Time.GetElapsedTime(started);
        Volatile.Write(ref _online, 1);
        _node.Raise(NodeActivityKind.Connected, detail: $"connected in {took.TotalMilliseconds:0} ms");
        return true;
    }

    private async Task RunSessionAsync(Task linkDown, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var loops = new List<Task> { _telemetry.RunAsync(session.Token), _audio.RunSessionAsync(session.Token) };
        if (Options.Faults.DisconnectMeanInterval is { } mean)
        {
            loops.Add(RandomLinkLossAsync(mean, session.Token));
        }

        await linkDown.WaitAsync(stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await session.CancelAsync();
        await Task.WhenAll(loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RandomLinkLossAsync(TimeSpan mean, CancellationToken ct)
    {
        // Exponential inter-arrival times: link losses as a Poisson process with the given mean.
        var wait = -mean.TotalMilliseconds * Math.Log(1 - Random.Shared.NextDouble());
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait)), Options.Time, ct);
        _link.Sever();
    }

    private DeviceStateMessage Birth() => new()
    {
        V = ProtocolConstants.Version,
        Status = ProtocolConstants.StatusOnline,
        Kind = Options.Kind.ToWire(),
        Fw = Options.Firmware,
        Boot = _node.BootId,
        Caps = KindProfile.Caps(Options.Kind),
        Interval = Options.WireInterval,
        Ts = _node.NowMs(),
    };

    private Task<bool> PublishOfflineAsync(CancellationToken ct) =>
        _link.PublishAsync(
            _node.Topics.DeviceState(_node.DeviceId),
            ProtocolJson.Serialize(new DeviceStateMessage { V = ProtocolConstants.Version, Status = ProtocolConstants.StatusOffline, Ts = _node.NowMs() }),
            MqttQualityOfServiceLevel.AtLeastOnce,
            retain: true,
            ct);

    private Task OnClientDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (!e.ClientWasConnected)
        {
            return Task.CompletedTask;
        }

        Volatile.Read(ref _linkDown)?.TrySetResult();
        _audio.OnLinkLost();
        MarkOffline(e.Exception is { } ex ? $"link lost: {ex.GetBaseException().Message}" : $"{e.Reason}");
        return Task.CompletedTask;
    }
}
