namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Protocol draft 6 (issue #15): a speaker that refuses a play order says so
/// (<c>playback.refused</c>, protocol.md §4.6), and the delivery report shows the node as
/// <c>refused</c> with the reason (<c>codec</c> or <c>class</c>). SQLite cannot change a CHECK
/// constraint in place, so <c>broadcast_deliveries</c> is renamed, recreated and copied.
/// </summary>
internal static class V13DeliveryRefusals
{
    public const string Sql = """
        ALTER TABLE broadcast_deliveries RENAME TO broadcast_deliveries_v5;
        DROP INDEX IF EXISTS broadcast_deliveries_broadcast;
        CREATE TABLE broadcast_deliveries (
            stream_id           TEXT NOT NULL REFERENCES broadcast_streams(stream_id),
            device_id           TEXT NOT NULL,
            broadcast_id        TEXT NOT NULL REFERENCES broadcasts(id),
            zone                TEXT NOT NULL,
            online_at_start     INTEGER NOT NULL,
            started_at          INTEGER,
            intended_us         INTEGER,
            actual_us           INTEGER,
            start_error_us      INTEGER,
            -- actual_us minus the broadcast's requested_us
            trigger_to_sound_us INTEGER,
            finished_at         INTEGER,
            frames_played       INTEGER,
            frames_concealed    INTEGER,
            frames_late         INTEGER,
            fec_recovered       INTEGER,
            underruns           INTEGER NOT NULL DEFAULT 0,
            status              TEXT NOT NULL CHECK (status IN
                ('pending', 'offline', 'started', 'finished', 'stopped', 'preempted', 'timeout', 'refused')),
            -- playback.refused: data.reason (codec, class) and data.codec when given
            refusal_reason      TEXT,
            refusal_codec       TEXT,
            PRIMARY KEY (stream_id, device_id)
        );
        INSERT INTO broadcast_deliveries (stream_id, device_id, broadcast_id, zone, online_at_start, started_at, intended_us, actual_us,
                                          start_error_us, trigger_to_sound_us, finished_at, frames_played, frames_concealed, frames_late,
                                          fec_recovered, underruns, status)
            SELECT stream_id, device_id, broadcast_id, zone, online_at_start, started_at, intended_us, actual_us,
                   start_error_us, trigger_to_sound_us, finished_at, frames_played, frames_concealed, frames_late,
                   fec_recovered, underruns, status
            FROM broadcast_deliveries_v5;
        DROP TABLE broadcast_deliveries_v5;
        CREATE INDEX broadcast_deliveries_broadcast ON broadcast_deliveries(broadcast_id);
        """;
}
