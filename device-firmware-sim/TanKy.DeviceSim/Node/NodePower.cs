namespace TanKy.DeviceSim.Node;

/// <summary>
/// The node's power and life: on (a new boot runs the connect loop), clean stop, abrupt death
/// with power coming back later, reboot on request, and the end of the node.
/// </summary>
internal sealed class NodePower
{
    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeSession _session;
    private readonly NodeInbox _inbox;
    private readonly NodeAudio _audio;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _runCts;
    private CancellationTokenSource? _powerOn;
    private Task? _runTask;
    private bool _running;
    private bool _disposed;

    public NodePower(NodeContext node, NodeLink link, NodeSession session, NodeInbox inbox, NodeAudio audio)
    {
        (_node, _link, _session, _inbox, _audio) = (node, link, session, inbox, audio);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        Task? previous;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(SimulatedNode));
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

        _inbox.EnsureRunning();
        _link.StartProxyIfConfigured();
        _session.NewBoot();
        var cts = new CancellationTokenSource();
        lock (_gate)
        {
            _runCts = cts;
            _runTask = Task.Run(() => _session.RunAsync(cts.Token), CancellationToken.None);
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

        await _session.GoOfflineCleanlyAsync("clean shutdown");
        _audio.PowerOff(resetClock: false);

        // MQTTnet may report the disconnect a little later; the node is offline now.
        _session.MarkOffline("stopped");
        _node.Status = NodeStatus.Stopped;
        _node.Raise(NodeActivityKind.Stopped);
    }

    public void Kill(TimeSpan? powerBackAfter)
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

        _node.Status = NodeStatus.Killed;
        cts?.Cancel();
        _audio.PowerOff(resetClock: false);
        _link.Sever();
        _node.Raise(NodeActivityKind.Killed);
        if (powerBackAfter is { } delay)
        {
            var powerOn = CancellationTokenSource.CreateLinkedTokenSource(_node.Lifetime.Token);
            Interlocked.Exchange(ref _powerOn, powerOn)?.Cancel();
            _ = PowerOnLaterAsync(delay, powerOn.Token);
        }
    }

    public async Task RebootAsync()
    {
        lock (_gate)
        {
            if (!_running)
            {
                return;
            }
        }

        _session.RequestReboot();
        _node.Status = NodeStatus.Rebooting;
        _node.Raise(NodeActivityKind.Rebooting);
        // If the link died on its own meanwhile, the loop reboots all the same.
        await _session.GoOfflineCleanlyAsync("reboot");
    }

    /// <summary>Stops for good; false when already done (the caller then has nothing to release).</summary>
    public async Task<bool> ShutDownForGoodAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }
        }

        await StopAsync();
        lock (_gate)
        {
            _disposed = true;
        }

        return true;
    }

    /// <summary>Stops the connect loop; false when it was not running.</summary>
    private async Task<bool> HaltLoopAsync()
    {
        CancellationTokenSource? cts;
        Task? task;
        lock (_gate)
        {
            if (!_running)
            {
                return false;
            }

            _running = false;
            cts = _runCts;
            task = _runTask;
        }

        if (cts is not null)
        {
            await cts.CancelAsync();
        }

        if (task is not null)
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return true;
    }

    private async Task PowerOnLaterAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _node.Options.Time, ct);
            await StartAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Disposed while powered off.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while powered off.
        }
    }
}
