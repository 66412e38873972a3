using Dapper;
using Microsoft.Data.Sqlite;
using TanKy.Hub.Devices;

namespace TanKy.Hub.Availability.Model;

/// <summary>
/// Every device that ever existed, with its installation periods from <c>device_changes</c>
/// (added … removed). Removed devices keep the kind, name and hamlets saved by the V4 trigger;
/// one removed before that keeps only the kind noted when it was added.
/// </summary>
public static class DeviceFactsLoader
{
    public static List<DeviceFacts> Load(SqliteConnection c)
    {
        var changes = c.Query<(string Id, long Ts, string Change, string? Detail)>(
                "SELECT device_id, ts, change, detail FROM device_changes WHERE change IN ('added', 'removed') ORDER BY device_id, ts, id")
            .GroupBy(x => x.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var current = c.Query<(string Id, string Kind, string Name, long CreatedAt, string Status, string? Zones)>(
            "SELECT d.id, d.kind, d.name, d.created_at, d.status, (SELECT group_concat(zone_id, ',') FROM (SELECT zone_id FROM device_zones WHERE device_id = d.id ORDER BY zone_id)) FROM devices d");
        var removed = c.Query<(string Id, string Kind, string Name, string Zones)>("SELECT device_id, kind, name, zones FROM removed_devices")
            .ToDictionary(r => r.Id, StringComparer.Ordinal);

        var facts = new List<DeviceFacts>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in current)
        {
            seen.Add(d.Id);
            var installed = Installed(changes.GetValueOrDefault(d.Id), registeredSince: d.CreatedAt);
            facts.Add(new DeviceFacts(d.Id, d.Kind, d.Name, Split(d.Zones), installed, true, d.Status));
        }

        foreach (var (id, list) in changes.Where(kv => !seen.Contains(kv.Key)))
        {
            var kept = removed.GetValueOrDefault(id);
            var kind = kept.Kind ?? list.FirstOrDefault(x => x.Change == "added").Detail ?? "unknown";
            facts.Add(new DeviceFacts(id, kind, kept.Name ?? id, Split(kept.Zones), Installed(list, registeredSince: null), false, DeviceStatus.Unknown));
        }

        facts.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return facts;
    }

    private static List<TimeRange> Installed(List<(string Id, long Ts, string Change, string? Detail)>? changes, long? registeredSince)
    {
        var ranges = new List<TimeRange>();
        long? start = null;
        foreach (var ch in changes ?? [])
        {
            if (ch.Change == "added")
            {
                start ??= ch.Ts;
            }
            else if (ch.Change == "removed")
            {
                // A removal without a recorded addition: installed since the beginning of records.
                ranges.Add(new TimeRange(start ?? 0, ch.Ts));
                start = null;
            }
        }

        if (registeredSince is { } since)
        {
            ranges.Add(new TimeRange(start ?? since, long.MaxValue));
        }

        return TimeRange.Merge(ranges);
    }

    private static string[] Split(string? csv) => string.IsNullOrEmpty(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
