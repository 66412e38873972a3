using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>The <c>availability_alerts</c> table.</summary>
public sealed class AlertStore(Database db)
{
    private const string Select = "SELECT id AS Id, device_id AS DeviceId, kind AS Kind, zones AS Zones, offline_since AS OfflineSince, opened_at AS OpenedAt, closed_at AS ClosedAt, close_reason AS CloseReason FROM availability_alerts";

    public Alert Open(string deviceId, string kind, IReadOnlyList<string> zones, DateTimeOffset offlineSince, DateTimeOffset at)
    {
        using var c = db.Open();
        var id = c.ExecuteScalar<long>(
            "INSERT INTO availability_alerts(device_id, kind, zones, offline_since, opened_at) VALUES (@deviceId, @kind, @zones, @since, @at) RETURNING id",
            new { deviceId, kind, zones = string.Join(',', zones), since = offlineSince.ToUnixTimeMilliseconds(), at = at.ToUnixTimeMilliseconds() });
        return new Alert(id, deviceId, kind, zones, offlineSince, at, null, null);
    }

    public Alert Close(Alert alert, DateTimeOffset at, string reason)
    {
        using var c = db.Open();
        c.Execute("UPDATE availability_alerts SET closed_at = @at, close_reason = @reason WHERE id = @Id AND closed_at IS NULL", new { at = at.ToUnixTimeMilliseconds(), reason, alert.Id });
        return alert with { ClosedAt = at, CloseReason = reason };
    }

    /// <summary>Open alerts (oldest first), closed ones (newest first, at most <paramref name="limit"/>), or all.</summary>
    public IReadOnlyList<Alert> List(bool? open = null, int limit = 1000)
    {
        using var c = db.Open();
        var where = open switch { true => " WHERE closed_at IS NULL ORDER BY opened_at, id", false => " WHERE closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC", null => " ORDER BY opened_at DESC, id DESC" };
        return c.Query<Row>(Select + where + " LIMIT @limit", new { limit }).Select(r => r.ToAlert()).ToList();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string DeviceId { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Zones { get; set; } = "";
        public long OfflineSince { get; set; }
        public long OpenedAt { get; set; }
        public long? ClosedAt { get; set; }
        public string? CloseReason { get; set; }

        public Alert ToAlert() => new(
            Id, DeviceId, Kind, Zones.Split(',', StringSplitOptions.RemoveEmptyEntries),
            DateTimeOffset.FromUnixTimeMilliseconds(OfflineSince), DateTimeOffset.FromUnixTimeMilliseconds(OpenedAt),
            ClosedAt is { } ca ? DateTimeOffset.FromUnixTimeMilliseconds(ca) : null, CloseReason);
    }
}
