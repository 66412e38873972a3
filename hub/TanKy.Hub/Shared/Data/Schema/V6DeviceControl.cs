
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Schema version 6: device control. Commands and their outcomes, the errors devices report
/// beside their reported state, camera snapshots, scheduled device actions, device alerts
/// (camera tamper) and gateway sensor alerts. Only new tables: other features own the rest.
/// </summary>
internal static class V6DeviceControl
{
    public const string Sql = """
        CREATE TABLE device_commands (
            id          TEXT PRIMARY KEY,
            device_id   TEXT NOT NULL,
            op          TEXT NOT NULL,
            args        TEXT,
            issued_by   TEXT,
            issued_at   INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            status      TEXT NOT NULL,          -- pending | ok | error | timeout | expired
            result      TEXT,                   -- reply data (JSON)
            error       TEXT,
            replied_at  INTEGER
        );
        CREATE INDEX device_commands_device ON device_commands(device_id, issued_at);
        CREATE INDEX device_commands_pending ON device_commands(status, expires_at);

        -- The reported state's "errors" object, kept with the version it came with.
        CREATE TABLE reported_errors (
            device_id  TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
            version    INTEGER NOT NULL,
            errors     TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE device_snapshots (
            command_id   TEXT PRIMARY KEY,
            device_id    TEXT NOT NULL,
            content_type TEXT NOT NULL,
            bytes        INTEGER NOT NULL,
            file         TEXT NOT NULL,         -- relative to the data directory
            uploaded_at  INTEGER NOT NULL
        );
        CREATE INDEX device_snapshots_device ON device_snapshots(device_id, uploaded_at);

        -- Bulk actions to run later ("Wi-Fi in Khoi 3 off at 23:00"); schedule files reuse the action model.
        CREATE TABLE device_actions (
            id          INTEGER PRIMARY KEY,
            action      TEXT NOT NULL,          -- DeviceAction as JSON
            due_at      INTEGER NOT NULL,
            created_by  TEXT,
            created_at  INTEGER NOT NULL,
            status      TEXT NOT NULL,          -- scheduled | done | partial | failed | cancelled
            ran_at      INTEGER,
            result      TEXT                    -- BulkResult as JSON
        );
        CREATE INDEX device_actions_due ON device_actions(status, due_at);

        -- Alerts devices raise themselves (camera.tamper).
        CREATE TABLE device_alerts (
            id          INTEGER PRIMARY KEY,
            device_id   TEXT NOT NULL,
            type        TEXT NOT NULL,
            ts          INTEGER NOT NULL,
            data        TEXT
        );
        CREATE INDEX device_alerts_device ON device_alerts(device_id, ts);

        -- Gateway cabinet/supply thresholds crossed: open until the reading is back in range.
        CREATE TABLE gateway_alerts (
            id          INTEGER PRIMARY KEY,
            metric      TEXT NOT NULL,
            direction   TEXT NOT NULL,          -- high | low
            value       REAL NOT NULL,
            threshold   REAL NOT NULL,
            opened_at   INTEGER NOT NULL,
            closed_at   INTEGER,
            message     TEXT NOT NULL
        );
        CREATE INDEX gateway_alerts_open ON gateway_alerts(metric, closed_at);
        """;
}
