using System.Collections.Concurrent;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Availability;

/// <summary>
/// In-memory status of every registered device. The database stays the record; this table
/// lets the silence watchdog and the status line run without reading it every second.
/// </summary>
public sealed class LiveStatusTable(DeviceRegistry registry) : IDevicePresence
{
    private readonly ConcurrentDictionary<string, LiveDevice> _devices = new(StringComparer.Ordinal);

    public IEnumerable<LiveDevice> All => _devices.Values;

    /// <summary>Reloads from the registry: picks up devices added or removed by the CLI.</summary>
    public void Refresh()
    {
        var records = registry.List();
        var ids = records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _devices.Keys.Where(k => !ids.Contains(k)))
        {
            _devices.TryRemove(gone, out _);
        }

        foreach (var r in records)
        {
            var entry = _devices.GetOrAdd(r.Id, _ => new LiveDevice
            {
                Id = r.Id,
                Kind = r.Kind.ToWire(),
                Zones = r.Zones,
                Status = r.Status,
                LastSeenMs = r.LastSeen?.ToUnixTimeMilliseconds() ?? 0,
                IntervalSeconds = r.TelemetryInterval ?? 0,
            });
            entry.Zones = r.Zones;
        }
    }

    public bool IsOnline(string deviceId) => Find(deviceId)?.Status == DeviceStatus.Online;

    public DateTimeOffset? LastSeen(string deviceId) =>
        _devices.TryGetValue(deviceId, out var d) && d.LastSeenMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(d.LastSeenMs) : null;

    public LiveDevice? Find(string id)
    {
        if (_devices.TryGetValue(id, out var d))
        {
            return d;
        }

        // A device added by the CLI while the hub runs: load it on first contact.
        if (registry.Get(id) is null)
        {
            return null;
        }

        Refresh();
        return _devices.GetValueOrDefault(id);
    }
}
