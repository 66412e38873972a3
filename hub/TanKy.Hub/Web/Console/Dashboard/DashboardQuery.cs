using TanKy.Hub.Accounts;
using TanKy.Hub.Availability;
using TanKy.Hub.Availability.OfflineAlerts;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.Dashboard;

/// <summary>
/// Builds the dashboard from the live state the hub already keeps: the registry and live status
/// table (online), the zone arbiter (what each zone plays) with its delivery report (how each
/// targeted speaker is doing), and the open availability alerts. The map covers only the devices
/// the user may see, so a hamlet head's map is zoomed to their hamlet(s).
/// </summary>
public sealed class DashboardQuery(DeviceRegistry registry, ZoneRegistry zones, LiveStatusTable live, IBroadcastService broadcasts, AlertStore alerts, TimeProvider time)
{
    public DashboardView Build(User user)
    {
        var visible = registry.List().Where(d => user.CanReachAny(d.Zones)).ToList();
        var box = MapBox.Around(visible.Where(d => d.Lat is not null && d.Lon is not null).Select(d => (d.Lat!.Value, d.Lon!.Value)));
        var visibleZones = zones.List().Where(z => user.CanReachZone(z.Id)).ToList();

        var playingNodes = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        var nowPlaying = new Dictionary<string, NowPlaying>(StringComparer.Ordinal);
        foreach (var zone in visibleZones)
        {
            if (broadcasts.InspectZone(zone.Id).Playing is { } id && broadcasts.Get(id) is { } record)
            {
                var report = broadcasts.GetDeliveryReport(id);
                var nodes = report.Nodes.Where(n => n.Zone == zone.Id).ToList();
                var started = nodes.Where(n => n.Outcome == "started").Select(n => n.DeviceId).ToList();
                playingNodes.UnionWith(started);
                foreach (var node in nodes)
                {
                    outcomes[node.DeviceId] = OutcomeOf(node.Outcome);
                }

                nowPlaying[zone.Id] = new NowPlaying(id, record.Title, record.Class, started.Count, nodes.Count);
            }
        }

        var pins = visible
            .Select(d => new DevicePin(d.Id, d.Name, d.Kind.ToWire(), d.Zones, live.Find(d.Id)?.Status ?? d.Status, playingNodes.Contains(d.Id), d.Lat, d.Lon, outcomes.GetValueOrDefault(d.Id)))
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
        return new DashboardView(time.GetUtcNow(), summaries, pins, open, box, box is null ? [] : Labels(box, pins, visibleZones));
    }

    /// <summary>
    /// A speaker's part in the broadcast its hamlet plays now, in four words people read on the map:
    /// played (started, or already ended), refused (refused the order or never started), offline, pending.
    /// </summary>
    public static string OutcomeOf(string delivery) => delivery switch
    {
        "offline" => "offline",
        "pending" => "pending",
        "refused" or "failed" => "refused",
        _ => "played",
    };

    /// <summary>One name per hamlet, near the middle of its devices, placed apart from the other names and the pins.</summary>
    private static IReadOnlyList<PlacedLabel> Labels(MapBox box, IReadOnlyList<DevicePin> pins, IReadOnlyList<Zone> visibleZones)
    {
        var placed = pins.Where(d => d.Lat is not null && d.Lon is not null).ToList();
        var anchors = placed.Where(d => d.Zones.Count > 0).GroupBy(d => d.Zones[0])
            .Select(g =>
            {
                var (x, y) = box.Project(g.Average(d => d.Lat!.Value), g.Average(d => d.Lon!.Value));
                return (visibleZones.FirstOrDefault(z => z.Id == g.Key)?.Name ?? g.Key, x, y);
            })
            .OrderBy(a => a.y)
            .ToList();
        return MapLabels.Place(anchors, placed.Select(d => box.Project(d.Lat!.Value, d.Lon!.Value)).ToList(), MapBox.Width, box.Height);
    }
}
