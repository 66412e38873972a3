using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broker;

/// <summary>
/// One bounded queue and one reader per <see cref="IDeviceMessageHandler"/>: each handler sees
/// its messages one at a time and in order, a slow handler delays only itself, and the MQTT
/// receive loop never waits for a handler. A handler that falls <see cref="Capacity"/>
/// messages behind loses new ones (logged) rather than growing memory without bound.
/// </summary>
internal sealed class HandlerDispatcher
{
    public const int Capacity = 4096;

    private readonly List<Lane> _lanes;
    private readonly LogThrottle _throttle;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _loops = [];

    public HandlerDispatcher(IEnumerable<IDeviceMessageHandler> handlers, LogThrottle throttle, ILogger logger)
    {
        _throttle = throttle;
        _logger = logger;
        _lanes = handlers.Select(h => new Lane(h, Channel.CreateBounded<DeviceMessage>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        }))).ToList();
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

            if (handles && !lane.Queue.Writer.TryWrite(message) && _throttle.ShouldLog($"full:{lane.Name}", out var suppressed))
            {
                _logger.LogWarning("{Handler} is {Capacity} messages behind; dropped {Kind} from {DeviceId} ({Suppressed} drops not logged)",
                    lane.Name, Capacity, message.Topic.Kind, message.DeviceId, suppressed);
            }
        }
    }

    /// <summary>Lets the handlers finish what is queued; abandons the rest when <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Queue.Writer.TryComplete();
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
            await foreach (var message in lane.Queue.Reader.ReadAllAsync(cancellationToken))
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

    private sealed record Lane(IDeviceMessageHandler Handler, Channel<DeviceMessage> Queue)
    {
        public string Name { get; } = Handler.GetType().Name;
    }
}
