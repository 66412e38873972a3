using System.Collections.Concurrent;

namespace TanKy.Hub.Broker;

/// <summary>
/// One <see cref="TokenBucket"/> per device. A refused message is counted for its device in
/// <see cref="HubMetrics"/> and reported to <see cref="DeviceFloodAlerts"/>. Buckets outlive a
/// session on purpose: reconnecting must not refill them.
/// </summary>
internal sealed class DeviceRateLimiter(DeviceRateLimitOptions options, TimeProvider time, HubMetrics metrics, DeviceFloodAlerts alerts, string where)
{
    /// <summary>Device ids come from authenticated sessions or ACL-checked topics; this only guards against a registry of unusual size.</summary>
    private const int MaxDevices = 100_000;

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="deviceId"/> may send one more message now.</summary>
    public bool TryAccept(string deviceId)
    {
        if (!options.Enabled)
        {
            return true;
        }

        if (!_buckets.TryGetValue(deviceId, out var bucket))
        {
            if (_buckets.Count >= MaxDevices)
            {
                _buckets.Clear();
            }

            bucket = _buckets.GetOrAdd(deviceId, _ => new TokenBucket(options.MessagesPerSecond, options.Burst, time));
        }

        if (bucket.TryTake())
        {
            return true;
        }

        metrics.DeviceMessageDropped(deviceId, HubMetrics.DropRateLimit);
        alerts.Dropped(deviceId, $"over {options.MessagesPerSecond:0.##} msg/s (burst {options.Burst}) at the {where}");
        return false;
    }
}
