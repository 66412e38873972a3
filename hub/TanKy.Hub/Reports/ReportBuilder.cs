using Dapper;
using Microsoft.Extensions.Options;
using TanKy.Hub.Availability.Maintenance;
using TanKy.Hub.Availability.Model;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Reports;

/// <summary>
/// Builds the indicator report from the database alone (hub running or not). Status events are
/// streamed device by device along their index; only per-device totals, the longest incidents
/// and the timeline's few devices stay in memory.
/// </summary>
internal sealed class ReportBuilder(Database db, TimeProvider time, IBroadcastStatistics broadcasts, IOptions<HubOptions> hub, IOptions<ReportOptions> options)
{
    /// <param name="zones">Limit to these hamlets (a hamlet head's); null for the whole commune.</param>
    public IndicatorReport Build(ReportPeriod period, IReadOnlySet<string>? zones = null)
    {
        var now = time.GetUtcNow();
        long from = period.From.ToUnixTimeMilliseconds(), to = period.To.ToUnixTimeMilliseconds();

        // The rest of a period that has not happened yet is not "unknown": it is not counted.
        to = Math.Max(from, Math.Min(to, now.ToUnixTimeMilliseconds()));
        using var c = db.Open();
        var facts = DeviceFactsLoader.Load(c).Where(f => zones is null || f.Zones.Any(zones.Contains)).ToList();
        var hubUp = HubUptime.Load(c, now.ToUnixTimeMilliseconds());
        var windows = new MaintenanceStore(db, time).List(period.From, period.To);
        var zoneNames = c.Query<(string Id, string Name)>("SELECT id, name FROM zones").ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        var acc = new ReportAccumulator(new AvailabilitySeries(period), options.Value, zoneNames);

        using (var stream = new StatusEventStream(c, to))
        {
            foreach (var device in facts)
            {
                var events = stream.For(device.Id);
                var maintenance = TimeRange.Merge(windows.Where(w => w.Covers(device)).Select(w => w.Range));
                var result = UptimeCalculator.Calculate(device, events, hubUp, maintenance, from, to, acc.Series.For(device.Kind));
                if (result.InstalledInPeriod)
                {
                    acc.Add(result, device.Registered && device.CurrentStatus == DeviceStatus.Online, zones);
                }
            }
        }

        var wifi = WifiUsageReader.Read(c, period, facts.ToDictionary(f => f.Id, StringComparer.Ordinal), zoneNames);
        return acc.ToReport(hub.Value.Site, period, now, zones, broadcasts.Summarise(period, zones), wifi);
    }
}
