using TanKy.Hub.Availability.Model;

namespace TanKy.Hub.Reports;

/// <summary>Collects per-device results into the report's groups, longest incidents and timeline.</summary>
internal sealed class ReportAccumulator(DailySeries daily, ReportOptions options)
{
    private readonly ReportGroup _commune = new();
    private readonly SortedDictionary<string, ReportGroup> _kinds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ReportGroup> _hamlets = new(StringComparer.Ordinal);
    private readonly List<ReportRow> _devices = [];
    private readonly PriorityQueue<Incident, long> _longest = new();
    private readonly List<DeviceAvailability> _timeline = [];
    private readonly Dictionary<string, DeviceFacts> _facts = new(StringComparer.Ordinal);

    public DailySeries Daily { get; } = daily;

    public void Add(DeviceAvailability result, bool onlineNow, IReadOnlySet<string>? scope)
    {
        var d = result.Device;
        _facts[d.Id] = d;
        _commune.Add(result, onlineNow);
        Group(_kinds, d.Kind).Add(result, onlineNow);
        foreach (var zone in d.Zones.Where(z => scope is null || scope.Contains(z)))
        {
            Group(_hamlets, zone).Add(result, onlineNow);
        }

        _devices.Add(ReportRow.From("device", d.Id, d.Name, result.Totals, result.InstalledAtEnd ? 1 : 0, onlineNow ? 1 : 0, d.Kind, string.Join(",", d.Zones)));
        foreach (var incident in result.Incidents)
        {
            _longest.Enqueue(incident, incident.CountedMs);
            if (_longest.Count > options.MaxIncidentsListed)
            {
                _longest.Dequeue();
            }
        }

        KeepForTimeline(result);
    }

    public IndicatorReport ToReport(string site, ReportPeriod period, DateTimeOffset now, IReadOnlySet<string>? scope,
        IReadOnlyDictionary<string, string> zoneNames, BroadcastSummary broadcasting, IReadOnlyList<WifiRow> wifi) => new()
    {
        Site = site,
        Period = period,
        GeneratedAt = now,
        Scope = scope?.Order(StringComparer.Ordinal).ToList() ?? [],
        Commune = _commune.ToRow("commune", site, "Toàn xã"),
        Kinds = _kinds.Select(k => k.Value.ToRow("kind", k.Key, DeviceLabels.Kind(k.Key), k.Key)).ToList(),
        Hamlets = _hamlets.Select(h => h.Value.ToRow("hamlet", h.Key, zoneNames.GetValueOrDefault(h.Key, h.Key))).ToList(),
        Devices = _devices,
        Daily = Enumerable.Range(0, Daily.Days).Select(i => new DailyPoint(
            period.FirstDay.AddDays(i), Daily.Percent(i) is { } p ? Math.Round(p, 3) : null, ReportRow.Hours(Daily.Online(i)), ReportRow.Hours(Daily.Offline(i)))).ToList(),
        IncidentsTotal = _commune.Totals.Incidents,
        Incidents = _longest.UnorderedItems.Select(x => x.Element).OrderBy(i => i.StartMs).ThenBy(i => i.DeviceId, StringComparer.Ordinal).Select(Row).ToList(),
        Timeline = _timeline.OrderByDescending(t => t.Totals.OfflineMs).ThenBy(t => t.Device.Id, StringComparer.Ordinal)
            .Take(options.TimelineDevices).Select(t => new TimelineRow(t.Device.Id, t.Device.Name, ReportRow.Hours(t.Totals.OfflineMs), t.Incidents.Select(Row).ToList())).ToList(),
        Broadcasting = broadcasting,
        Wifi = wifi,
    };

    private IncidentRow Row(Incident i)
    {
        var d = _facts[i.DeviceId];
        return new IncidentRow(i.DeviceId, d.Name, d.Kind, string.Join(",", d.Zones),
            DateTimeOffset.FromUnixTimeMilliseconds(i.StartMs), DateTimeOffset.FromUnixTimeMilliseconds(i.EndMs),
            ReportRow.Minutes(i.CountedMs), i.StartedBeforePeriod, i.OngoingAtPeriodEnd);
    }

    /// <summary>Keeps the devices with the most offline time; prunes in batches so the list stays small.</summary>
    private void KeepForTimeline(DeviceAvailability result)
    {
        if (result.Incidents.Count == 0 || options.TimelineDevices <= 0)
        {
            return;
        }

        _timeline.Add(result);
        if (_timeline.Count >= 2 * options.TimelineDevices)
        {
            _timeline.Sort((a, b) => b.Totals.OfflineMs.CompareTo(a.Totals.OfflineMs));
            _timeline.RemoveRange(options.TimelineDevices, _timeline.Count - options.TimelineDevices);
        }
    }

    private static ReportGroup Group(SortedDictionary<string, ReportGroup> groups, string key) =>
        groups.TryGetValue(key, out var g) ? g : groups[key] = new ReportGroup();
}
