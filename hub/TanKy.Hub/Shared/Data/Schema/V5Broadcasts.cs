
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Broadcasts: the request and its outcome (<c>broadcasts</c>), every stream it aired as
/// (<c>broadcast_streams</c>; a broadcast preempted and resumed, or queued in some zones, airs
/// as several streams, each with its own id and epoch), every arbitration decision per zone
/// (<c>broadcast_decisions</c>) and what each targeted speaker reported
/// (<c>broadcast_deliveries</c>). Times ending in <c>_at</c> are Unix ms; <c>_us</c> are hub-clock
/// Unix µs, the unit of play-out times. Independent of the media tables on purpose: a broadcast
/// names its media by id and title as text, so the record outlives a deleted clip.
/// </summary>
internal static class V5Broadcasts
{
    public const string Sql = """
        CREATE TABLE broadcasts (
            id            TEXT PRIMARY KEY,
            -- the latest stream the broadcast aired as (null while it has only been queued)
            stream_id     TEXT,
            epoch         INTEGER,
            class         TEXT NOT NULL CHECK (class IN ('normal', 'priority', 'emergency')),
            policy        TEXT NOT NULL CHECK (policy IN ('resume', 'restart', 'skip')),
            -- comma-separated zone ids, as requested
            zones         TEXT NOT NULL,
            media         TEXT NOT NULL,
            title         TEXT NOT NULL,
            volume        INTEGER,
            operator      TEXT NOT NULL,
            source        TEXT NOT NULL,
            requested_at  INTEGER NOT NULL,
            requested_us  INTEGER NOT NULL,
            started_at    INTEGER,
            ended_at      INTEGER,
            status        TEXT NOT NULL
                CHECK (status IN ('queued', 'playing', 'preempted', 'finished', 'cancelled', 'failed')),
            end_reason    TEXT
        );
        CREATE INDEX broadcasts_requested ON broadcasts(requested_at);

        CREATE TABLE broadcast_streams (
            stream_id        TEXT PRIMARY KEY,
            broadcast_id     TEXT NOT NULL REFERENCES broadcasts(id),
            -- strictly increasing across every stream the hub ever sent (protocol.md §8.1.4)
            epoch            INTEGER NOT NULL UNIQUE,
            zones            TEXT NOT NULL,
            start_offset_ms  INTEGER NOT NULL,
            playout_start_us INTEGER NOT NULL,
            started_at       INTEGER NOT NULL,
            ended_at         INTEGER,
            frames           INTEGER,
            end_reason       TEXT
        );
        CREATE INDEX broadcast_streams_broadcast ON broadcast_streams(broadcast_id);

        CREATE TABLE broadcast_decisions (
            id            INTEGER PRIMARY KEY,
            broadcast_id  TEXT NOT NULL REFERENCES broadcasts(id),
            zone          TEXT NOT NULL,
            ts            INTEGER NOT NULL,
            decision      TEXT NOT NULL CHECK (decision IN
                ('queued', 'aired', 'preempted', 'resumed', 'restarted', 'skipped', 'finished', 'cancelled', 'failed')),
            -- position in the content, ms: where it aired from, or where it was cut
            offset_ms     INTEGER NOT NULL,
            -- the broadcast that caused it (the preemptor, or the one it queued behind)
            by_broadcast  TEXT,
            reason        TEXT
        );
        CREATE INDEX broadcast_decisions_broadcast ON broadcast_decisions(broadcast_id);

        -- One row per (stream, speaker targeted when the stream started); events fill it in.
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
                ('pending', 'offline', 'started', 'finished', 'stopped', 'preempted', 'timeout')),
            PRIMARY KEY (stream_id, device_id)
        );
        CREATE INDEX broadcast_deliveries_broadcast ON broadcast_deliveries(broadcast_id);
        """;
}
