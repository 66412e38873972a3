using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TanKy.Hub.Broker;

/// <summary>
/// Flood alerts, one per device: opened (a warning naming the device, and <see cref="Opened"/>) at
/// the first message dropped for that device, repeated in the log at most every 30 s with the count,
/// and over once <see cref="QuietPeriod"/> passes without a drop. A stolen secret used to flood
/// must be seen by a person, not only by a counter.
/// </summary>
public sealed class DeviceFloodAlerts
{
    /// <summary>An alert is over after this long without a dropped message.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LogThrottle _throttle;

    public DeviceFloodAlerts(TimeProvider time, ILogger<DeviceFloodAlerts>? logger = null)
    {
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _throttle = new LogThrottle(time, TimeSpan.FromSeconds(30));
    }

    /// <summary>Raised once when a device's flood alert opens (on the thread that dropped the message: keep handlers short).</summary>
    public event EventHandler<DeviceFloodAlert>? Opened;

    /// <summary>Alerts open now (a drop within <see cref="QuietPeriod"/>), by device id.</summary>
    public IReadOnlyList<DeviceFloodAlert> Open()
    {
        var now = _time.GetUtcNow();
        return _states.Values.Select(s => s.Snapshot()).Where(a => now - a.LastDrop < QuietPeriod).OrderBy(a => a.DeviceId, StringComparer.Ordinal).ToList();
    }

    /// <summary>A message of <paramref name="deviceId"/> was dropped; <paramref name="reason"/> says where and why.</summary>
    internal void Dropped(string deviceId, string reason)
    {
        var now = _time.GetUtcNow();
        var state = _states.GetOrAdd(deviceId, id => new State(id));
        DeviceFloodAlert alert;
        bool opened;
        lock (state.Gate)
        {
            opened = state.Dropped == 0 || now - state.LastDrop >= QuietPeriod;
            if (opened)
            {
                state.Since = now;
                state.Dropped = 0;
            }

            state.Dropped++;
            state.LastDrop = now;
            alert = state.Snapshot();
        }

        if (opened)
        {
            _throttle.ShouldLog(deviceId, out _); // the opening line starts the device's log window
            _logger.LogWarning("Flood alert: device {DeviceId} is flooding the hub; its messages are dropped ({Reason})", deviceId, reason);
            Opened?.Invoke(this, alert);
        }
        else if (_throttle.ShouldLog(deviceId, out _))
        {
            _logger.LogWarning("Flood alert: device {DeviceId} still flooding, {Dropped} messages dropped since {Since:u} ({Reason})", deviceId, alert.Dropped, alert.Since, reason);
        }
    }

    private sealed class State(string deviceId)
    {
        public DateTimeOffset Since;
        public DateTimeOffset LastDrop;
        public long Dropped;

        public Lock Gate { get; } = new();

        public DeviceFloodAlert Snapshot()
        {
            lock (Gate)
            {
                return new DeviceFloodAlert(deviceId, Since, LastDrop, Dropped);
            }
        }
    }
}
