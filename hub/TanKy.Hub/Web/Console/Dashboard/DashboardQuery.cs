using TanKy.Hub.Accounts;
using TanKy.Hub.Availability;
using TanKy.Hub.Availability.OfflineAlerts;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.Dashboard;

/// <summary>
/// Builds the dashboard from the live state the hub already keeps: the registry and live status
/// table (online), the zone arbiter (what each zone plays) with its delivery report (which
/// speakers reported the start), and the open availability alerts.
/// </summary>
public sealed class DashboardQuery(DeviceRegistry registry, ZoneRegistry zones, LiveStatusTable live, IBroadcastService broadcasts, AlertStore alerts, TimeProvider time)
{
    public DashboardView Build(User user)
    {
        var all = registry.List();
        var box = MapBox.Around(all.Where(d => d.Lat is not null && d.Lon is not null).Select(d => (d.Lat!.Value, d.Lon!.Value)));
        var visible = all.Where(d => user.CanReachAny(d.Zones)).ToList();
        var visibleZones = zones.List().Where(z => user.CanReachZone(z.Id)).ToList();

        var playingNodes = new HashSet<string>(StringComparer.Ordinal);
        var nowPlaying = new Dictionary<string, NowPlaying>(StringComparer.Ordinal);
        foreach (var zone in visibleZones)
        {
            if (broadcasts.InspectZone(zone.Id).Playing is { } id && broadcasts.Get(id) is { } record)
            {
                var report = broadcasts.GetDeliveryReport(id);
                var started = report.Nodes.Where(n => n.Zone == zone.Id && n.Outcome == "started").Select(n => n.DeviceId).ToList();
                playingNodes.UnionWith(started);
                nowPlaying[zone.Id] = new NowPlaying(id, record.Title, record.Class, started.Count, report.Nodes.Count(n => n.Zone == zone.Id));
            }
        }

        var pins = visible
            .Select(d => new DevicePin(d.Id, d.Name, d.Kind.ToWire(), d.Zones, live.Find(d.Id)?.Status ?? d.Status, playingNodes.Contains(d.Id), d.Lat, d.Lon))
            .ToList();
        var summaries = visibleZones
            .Select(z => new ZoneSummary(
                z.Id,
                z.Name,
                pins.Where(p => p.Zones.Contains(z.Id)).GroupBy(p => p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new KindCount(g.Key, g.Count(p => p.Status == DeviceStatus.Online), g.Count())).ToList(),
                nowPlaying.GetValueOrDefault(z.Id)))
            .ToList();
        var open = alerts.List(open: true, limit: 200)
            .Where(a => user.CanReachAny(a.Zones))
            .Select(a => new OpenAlert(a.DeviceId, a.Kind, a.Zones, a.OfflineSince))
            .ToList();
        return new DashboardView(time.GetUtcNow(), summaries, pins, open, box);
    }
}
