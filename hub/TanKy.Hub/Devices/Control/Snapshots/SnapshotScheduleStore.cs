using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>The cameras' automatic-snapshot settings (<c>camera_snapshot_schedules</c>); no row means off.</summary>
public sealed class SnapshotScheduleStore(Database db, TimeProvider time)
{
    private const string Select = """
        SELECT device_id AS DeviceId, every_minutes AS EveryMinutes, since, last_command_id AS LastCommandId,
               last_issued_at AS LastIssuedAt, updated_by AS UpdatedBy, updated_at AS UpdatedAt
        FROM camera_snapshot_schedules
        """;

    public SnapshotSchedule? Get(string deviceId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<Row>(Select + " WHERE device_id = @deviceId", new { deviceId })?.ToSchedule();
    }

    public IReadOnlyList<SnapshotSchedule> List()
    {
        using var c = db.Open();
        return c.Query<Row>(Select + " ORDER BY device_id").Select(r => r.ToSchedule()).ToList();
    }

    /// <summary>
    /// Switches the schedule on with <paramref name="everyMinutes"/> (already checked by
    /// <see cref="SnapshotInterval"/>) or off (null). Changing the interval keeps the last snapshot,
    /// so the next one is due that long after it.
    /// </summary>
    public void Set(string deviceId, int? everyMinutes, string? by)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var c = db.Open();
        if (everyMinutes is null)
        {
            c.Execute("DELETE FROM camera_snapshot_schedules WHERE device_id = @deviceId", new { deviceId });
            return;
        }

        c.Execute(
            """
            INSERT INTO camera_snapshot_schedules(device_id, every_minutes, since, updated_by, updated_at)
            VALUES (@deviceId, @everyMinutes, @now, @by, @now)
            ON CONFLICT(device_id) DO UPDATE SET every_minutes = excluded.every_minutes, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            new { deviceId, everyMinutes, now, by });
    }

    /// <summary>Records the snapshot command just sent, from which the next interval counts.</summary>
    public void MarkIssued(string deviceId, string commandId, DateTimeOffset at)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE camera_snapshot_schedules SET last_command_id = @commandId, last_issued_at = @at WHERE device_id = @deviceId",
            new { deviceId, commandId, at = at.ToUnixTimeMilliseconds() });
    }

    private sealed class Row
    {
        public string DeviceId { get; set; } = "";

        public long EveryMinutes { get; set; }

        public long Since { get; set; }

        public string? LastCommandId { get; set; }

        public long? LastIssuedAt { get; set; }

        public string? UpdatedBy { get; set; }

        public long UpdatedAt { get; set; }

        public SnapshotSchedule ToSchedule() => new(
            DeviceId,
            (int)EveryMinutes,
            DateTimeOffset.FromUnixTimeMilliseconds(Since),
            LastCommandId,
            LastIssuedAt is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null,
            UpdatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
