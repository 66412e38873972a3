using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Availability.Maintenance;
using TanKy.Hub.Availability.Model;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>
/// Opens an alert when a device has been offline longer than its kind's threshold and closes it
/// when the device is back (or removed). Reads the registry's status, which the status tracker
/// and the silence watchdog keep current, so it needs no events of its own. No alert opens
/// during a planned maintenance window covering the device.
/// </summary>
internal sealed class AlertMonitor(
    Database db,
    AlertStore store,
    IEnumerable<IAlertNotifier> notifiers,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    /// <summary>One pass; returns what changed. Tests call it after advancing a fake clock.</summary>
    public async Task<IReadOnlyList<AlertChange>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var changes = Evaluate(now);
        var open = store.List(open: true);
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(changes, open, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Alert notifier {Notifier} failed", notifier.GetType().Name);
            }
        }

        return changes;
    }

    private List<AlertChange> Evaluate(DateTimeOffset now)
    {
        List<(string Id, string Kind, string Status, long? Since, string? Zones)> devices;
        using (var c = db.Open())
        {
            devices = c.Query<(string, string, string, long?, string?)>(
                "SELECT d.id, d.kind, d.status, d.status_since, (SELECT group_concat(zone_id, ',') FROM device_zones WHERE device_id = d.id) FROM devices d").ToList();
        }

        var open = store.List(open: true).ToDictionary(a => a.DeviceId, StringComparer.Ordinal);
        var windows = new MaintenanceStore(db, time).List(now, now.AddMilliseconds(1));
        var changes = new List<AlertChange>();
        foreach (var d in devices)
        {
            var zones = (d.Zones ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            var hasAlert = open.Remove(d.Id, out var alert);
            if (d.Status == DeviceStatus.Online && hasAlert)
            {
                changes.Add(new AlertChange(store.Close(alert!, now, "recovered"), Opened: false));
            }
            else if (d.Status == DeviceStatus.Offline && !hasAlert && d.Since is { } since
                && now.ToUnixTimeMilliseconds() - since >= options.Value.ThresholdFor(d.Kind).TotalMilliseconds
                && !MaintenanceStore.IsCovered(windows, new DeviceFacts(d.Id, d.Kind, d.Id, zones, [], true, d.Status), now))
            {
                changes.Add(new AlertChange(store.Open(d.Id, d.Kind, zones, DateTimeOffset.FromUnixTimeMilliseconds(since), now), Opened: true));
            }
        }

        // What is left belongs to devices no longer registered.
        changes.AddRange(open.Values.Select(a => new AlertChange(store.Close(a, now, "removed"), Opened: false)));
        return changes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            do
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Alert check failed; retrying next tick");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
