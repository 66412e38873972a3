namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Issue #17: a camera's automatic snapshots, "every N minutes" (5–1440), kept by the hub. The
/// hub sends the ordinary <c>snapshot</c> command when one is due (no wire change, any camera with
/// the <c>snapshot</c> capability). No row: off. <c>last_command_id</c> lets the schedule wait for
/// a snapshot still pending instead of piling up commands; <c>since</c> counts the first interval.
/// </summary>
internal static class V18CameraSnapshots
{
    public const string Sql = """
        CREATE TABLE camera_snapshot_schedules (
            device_id        TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
            every_minutes    INTEGER NOT NULL CHECK (every_minutes BETWEEN 5 AND 1440),
            since            INTEGER NOT NULL,
            last_command_id  TEXT,
            last_issued_at   INTEGER,
            updated_by       TEXT,
            updated_at       INTEGER NOT NULL
        );
        """;
}
