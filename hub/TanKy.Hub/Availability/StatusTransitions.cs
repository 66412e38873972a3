using Dapper;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Availability;

/// <summary>
/// Records online/offline transitions: the device row and the timestamped event are written in
/// one transaction, so the history never disagrees with the current status.
/// </summary>
internal sealed class StatusTransitions(Database db, ILogger<StatusTransitions> logger)
{
    /// <summary>Raised after a transition is stored (dashboards, alerts, tests).</summary>
    public event EventHandler<StatusChange>? Changed;

    /// <summary>Moves <paramref name="device"/> to <paramref name="status"/>; returns false when it already was.</summary>
    public bool Apply(LiveDevice device, string status, string reason, DateTimeOffset at)
    {
        lock (device)
        {
            if (device.Status == status)
            {
                return false;
            }

            var ts = at.ToUnixTimeMilliseconds();
            using var c = db.Open();
            using var tx = c.BeginTransaction();
            c.Execute("UPDATE devices SET status = @status, status_since = @ts WHERE id = @id", new { status, ts, id = device.Id }, tx);
            c.Execute("INSERT INTO status_events(device_id, ts, status, reason) VALUES (@id, @ts, @status, @reason)", new { id = device.Id, ts, status, reason }, tx);
            tx.Commit();
            device.Status = status;
            logger.LogInformation("Device {DeviceId} is {Status} ({Reason})", device.Id, status, reason);
        }

        Changed?.Invoke(this, new StatusChange(device.Id, status, reason, at));
        return true;
    }
}
