using TanKy.Hub.Availability.Model;
using TanKy.Hub.Reports.Text;

namespace TanKy.Hub.Reports;

/// <summary>
/// Collects per-device results into the report's groups, longest incidents and timeline. Rows
/// carry display names beside ids: people read names, the CSV for machines keeps the ids.
/// </summary>
internal sealed class ReportAccumulator(AvailabilitySeries series, ReportOptions options, IReadOnlyDictionary<string, string> zoneNames)
{
    private readonly ReportGroup _commune = new();
    private readonly SortedDictionary<string, ReportGroup> _kinds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ReportGroup> _hamlets = new(StringComparer.Ordinal);
    private readonly List<ReportRow> _devices = [];
    private readonly PriorityQueue<Incident, long> _longest = new();
    private readonly List<DeviceAvailability> _timeline = [];
    private readonly Dictionary<string, DeviceFacts> _facts = new(StringComparer.Ordinal);

    public AvailabilitySeries Series { get; } = series;

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

        _devices.Add(ReportRow.From("device", d.Id, d.Name, result.Totals, result.InstalledAtEnd ? 1 : 0, onlineNow ? 1 : 0, d.Kind, string.Join(",", d.Zones)) with
        {
            HamletNames = ZoneNames(d.Zones),
        });
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
        BroadcastSummary broadcasting, IReadOnlyList<WifiRow> wifi) => new()
    {
        Site = site,
        Period = period,
        GeneratedAt = now,
        Scope = scope?.Order(StringComparer.Ordinal).ToList() ?? [],
        ScopeNames = scope?.Order(StringComparer.Ordinal).Select(z => zoneNames.GetValueOrDefault(z, z)).ToList() ?? [],
        Commune = _commune.ToRow("commune", site, ReportText.Get("rpt.commune")),
        Kinds = _kinds.Select(k => k.Value.ToRow("kind", k.Key, DeviceLabels.Kind(k.Key), k.Key)).ToList(),
        Hamlets = _hamlets.Select(h => h.Value.ToRow("hamlet", h.Key, zoneNames.GetValueOrDefault(h.Key, h.Key))).ToList(),
        Devices = _devices,
        Daily = Series.Days(),
        Hourly = Series.Hourly ? Series.Fleet() : [],
        ByKind = Series.ByKind(DeviceLabels.Kind),
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
        return new IncidentRow(i.DeviceId, d.Name, d.Kind, string.Join(",", d.Zones), ZoneNames(d.Zones),
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

    private string ZoneNames(IEnumerable<string> zones) => string.Join(", ", zones.Select(z => zoneNames.GetValueOrDefault(z, z)));

    private static ReportGroup Group(SortedDictionary<string, ReportGroup> groups, string key) =>
        groups.TryGetValue(key, out var g) ? g : groups[key] = new ReportGroup();
}
