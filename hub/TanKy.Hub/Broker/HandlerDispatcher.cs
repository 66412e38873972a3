using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broker;

/// <summary>
/// One <see cref="FairDeviceQueue"/> and one reader per <see cref="IDeviceMessageHandler"/>: each
/// handler sees its messages one at a time, each device's in order, a slow handler delays only
/// itself, and the MQTT receive loop never waits for a handler. Within a handler's queue devices
/// take turns, and each device's backlog is bounded on its own: a loud device loses its own
/// telemetry (counted per device in <see cref="HubMetrics"/> and raised as a flood alert), never
/// another device's births, wills, events or replies. (Before, one 4096-message queue per handler
/// was shared by all devices: a flood filled it and every device's messages were refused.)
/// </summary>
internal sealed class HandlerDispatcher
{
    /// <summary>Telemetry and clock-sync requests one device may have waiting per handler.</summary>
    public const int SheddablePerDevice = 256;

    /// <summary>Other messages (state, reported, reply, event) one device may have waiting per handler.</summary>
    public const int ControlPerDevice = 1024;

    private readonly List<Lane> _lanes;
    private readonly LogThrottle _throttle;
    private readonly ILogger _logger;
    private readonly HubMetrics? _metrics;
    private readonly DeviceFloodAlerts? _alerts;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _loops = [];

    public HandlerDispatcher(IEnumerable<IDeviceMessageHandler> handlers, LogThrottle throttle, ILogger logger, HubMetrics? metrics = null, DeviceFloodAlerts? alerts = null)
    {
        _throttle = throttle;
        _logger = logger;
        _metrics = metrics;
        _alerts = alerts;
        _lanes = handlers.Select(h => new Lane(h, new FairDeviceQueue(SheddablePerDevice, ControlPerDevice))).ToList();
    }

    public void Start()
    {
        foreach (var lane in _lanes)
        {
            _loops.Add(Task.Run(() => RunLaneAsync(lane, _abort.Token)));
        }
    }

    public void Dispatch(DeviceMessage message)
    {
        var shed = false;
        foreach (var lane in _lanes)
        {
            bool handles;
            try
            {
                handles = lane.Handler.Handles(message.Topic.Kind);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "{Handler}.Handles threw for {Kind}", lane.Name, message.Topic.Kind);
                continue;
            }

            if (handles && !lane.Queue.TryEnqueue(message))
            {
                shed = true;
                if (_throttle.ShouldLog($"full:{lane.Name}:{message.DeviceId}", out var suppressed))
                {
                    _logger.LogWarning("{Handler} has a full queue for device {DeviceId}; dropped its {Kind} ({Suppressed} drops not logged)",
                        lane.Name, message.DeviceId, message.Topic.Kind, suppressed);
                }
            }
        }

        if (shed)
        {
            // Once per message, however many handlers had to drop it.
            _metrics?.DeviceMessageDropped(message.DeviceId, HubMetrics.DropInboundQueue);
            _alerts?.Dropped(message.DeviceId, "its queue in the hub's inbound dispatch is full");
        }
    }

    /// <summary>Lets the handlers finish what is queued; abandons the rest when <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Queue.Complete();
        }

        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (!_abort.IsCancellationRequested)
            {
                await _abort.CancelAsync();
            }
        }
    }

    private async Task RunLaneAsync(Lane lane, CancellationToken cancellationToken)
    {
        try
        {
            while (await lane.Queue.DequeueAsync(cancellationToken) is { } message)
            {
                try
                {
                    await lane.Handler.HandleAsync(message, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogError(ex, "{Handler} failed on {Kind} from {DeviceId}", lane.Name, message.Topic.Kind, message.DeviceId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private sealed record Lane(IDeviceMessageHandler Handler, FairDeviceQueue Queue)
    {
        public string Name { get; } = Handler.GetType().Name;
    }
}
