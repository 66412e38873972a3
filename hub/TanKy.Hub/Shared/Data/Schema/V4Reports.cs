
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Schema for reports and alerts: planned maintenance windows, availability alerts, the
/// hourly Wi-Fi rollup (telemetry_history is bounded, so a year of traffic needs its own table)
/// and the last known placement of removed devices (device_zones rows cascade away on removal).
/// Written to apply on top of V1 alone, whatever V2/V3 add.
/// </summary>
internal static class V4Reports
{
    public const string Sql = """
        -- Planned work: time inside a window is left out of availability. scope: device | zone | kind.
        CREATE TABLE maintenance_windows (
            id          INTEGER PRIMARY KEY,
            scope       TEXT NOT NULL,
            target      TEXT NOT NULL,
            starts_at   INTEGER NOT NULL,
            ends_at     INTEGER NOT NULL,
            reason      TEXT NOT NULL,
            created_at  INTEGER NOT NULL
        );
        CREATE INDEX maintenance_windows_time ON maintenance_windows(ends_at, starts_at);

        -- A device offline longer than its kind's threshold. At most one open alert per device.
        CREATE TABLE availability_alerts (
            id             INTEGER PRIMARY KEY,
            device_id      TEXT NOT NULL,
            kind           TEXT NOT NULL,
            zones          TEXT NOT NULL,
            offline_since  INTEGER NOT NULL,
            opened_at      INTEGER NOT NULL,
            closed_at      INTEGER,
            close_reason   TEXT
        );
        CREATE UNIQUE INDEX availability_alerts_open ON availability_alerts(device_id) WHERE closed_at IS NULL;
        CREATE INDEX availability_alerts_opened ON availability_alerts(opened_at);

        -- Wi-Fi use per access point and hour (hour = Unix ms of the hour's start, UTC).
        CREATE TABLE wifi_hourly (
            device_id    TEXT NOT NULL,
            hour         INTEGER NOT NULL,
            samples      INTEGER NOT NULL,
            clients_max  INTEGER NOT NULL,
            sessions     INTEGER NOT NULL,
            rx_bytes     INTEGER NOT NULL,
            tx_bytes     INTEGER NOT NULL,
            PRIMARY KEY (device_id, hour)
        ) WITHOUT ROWID;

        -- Last counter values per access point, so deltas survive a hub restart.
        CREATE TABLE wifi_counters (
            device_id  TEXT PRIMARY KEY,
            ts         INTEGER NOT NULL,
            clients    REAL NOT NULL,
            rx_bytes   REAL NOT NULL,
            tx_bytes   REAL NOT NULL
        );

        -- Kind, name and hamlets of a device as it was when removed, so reports can still group it.
        CREATE TABLE removed_devices (
            device_id  TEXT PRIMARY KEY,
            kind       TEXT NOT NULL,
            name       TEXT NOT NULL,
            zones      TEXT NOT NULL
        );
        CREATE TRIGGER devices_keep_placement BEFORE DELETE ON devices
        BEGIN
            INSERT OR REPLACE INTO removed_devices(device_id, kind, name, zones)
            VALUES (old.id, old.kind, old.name,
                    COALESCE((SELECT group_concat(zone_id, ',') FROM (SELECT zone_id FROM device_zones WHERE device_id = old.id ORDER BY zone_id)), ''));
        END;

        CREATE INDEX device_changes_device ON device_changes(device_id, ts);
        """;
}
