
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>Schema version 1: registry, status history, telemetry, desired/reported state, retained messages, users, tokens, hub runs.</summary>
internal static class V1Registry
{
    public const string Sql = """
        CREATE TABLE zones (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            created_at  INTEGER NOT NULL
        );

        CREATE TABLE devices (
            id            TEXT PRIMARY KEY,
            kind          TEXT NOT NULL,
            name          TEXT NOT NULL,
            lat           REAL,
            lon           REAL,
            notes         TEXT,
            secret_hash   TEXT NOT NULL,
            secret_set_at INTEGER NOT NULL,
            created_at    INTEGER NOT NULL,
            firmware      TEXT,
            boot_id       TEXT,
            capabilities  TEXT,
            telemetry_interval INTEGER,
            last_seen     INTEGER,
            status        TEXT NOT NULL DEFAULT 'unknown',
            status_since  INTEGER
        );

        CREATE TABLE device_zones (
            device_id  TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
            zone_id    TEXT NOT NULL REFERENCES zones(id),
            PRIMARY KEY (device_id, zone_id)
        );
        CREATE INDEX device_zones_zone ON device_zones(zone_id);

        -- Every online/offline transition, kept after a device is removed (reports need it).
        CREATE TABLE status_events (
            id         INTEGER PRIMARY KEY,
            device_id  TEXT NOT NULL,
            ts         INTEGER NOT NULL,
            status     TEXT NOT NULL,
            reason     TEXT NOT NULL
        );
        CREATE INDEX status_events_device_ts ON status_events(device_id, ts);

        -- Registry changes (added, removed, secret rotated), for reports and audit.
        CREATE TABLE device_changes (
            id         INTEGER PRIMARY KEY,
            device_id  TEXT NOT NULL,
            ts         INTEGER NOT NULL,
            change     TEXT NOT NULL,
            detail     TEXT
        );

        CREATE TABLE telemetry_latest (
            device_id  TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
            seq        INTEGER NOT NULL,
            ts         INTEGER NOT NULL,
            metrics    TEXT NOT NULL,
            gaps       INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE telemetry_history (
            id         INTEGER PRIMARY KEY,
            device_id  TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
            seq        INTEGER NOT NULL,
            ts         INTEGER NOT NULL,
            metrics    TEXT NOT NULL
        );
        CREATE INDEX telemetry_history_device_ts ON telemetry_history(device_id, ts);

        CREATE TABLE desired_state (
            device_id  TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
            version    INTEGER NOT NULL,
            state      TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            updated_by TEXT
        );

        CREATE TABLE reported_state (
            device_id  TEXT PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
            version    INTEGER NOT NULL,
            state      TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );

        -- Retained MQTT messages of the embedded broker, so they survive a restart.
        CREATE TABLE retained_messages (
            topic      TEXT PRIMARY KEY,
            payload    BLOB NOT NULL,
            qos        INTEGER NOT NULL,
            content_type TEXT,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE users (
            id            INTEGER PRIMARY KEY,
            name          TEXT NOT NULL UNIQUE,
            role          TEXT NOT NULL,
            display_name  TEXT,
            password_hash TEXT,
            created_at    INTEGER NOT NULL,
            disabled      INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until  INTEGER
        );

        CREATE TABLE user_zones (
            user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            zone_id  TEXT NOT NULL REFERENCES zones(id),
            PRIMARY KEY (user_id, zone_id)
        );

        CREATE TABLE api_tokens (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name        TEXT NOT NULL,
            prefix      TEXT NOT NULL UNIQUE,
            token_hash  TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER,
            last_used   INTEGER,
            revoked_at  INTEGER
        );

        -- One row per hub run: the gaps between runs are hub downtime ("unknown" in reports).
        CREATE TABLE hub_runs (
            id          INTEGER PRIMARY KEY,
            boot_id     TEXT NOT NULL,
            started_at  INTEGER NOT NULL,
            heartbeat_at INTEGER NOT NULL,
            stopped_at  INTEGER
        );
        """;
}
