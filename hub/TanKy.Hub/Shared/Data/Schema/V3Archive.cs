
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Broadcast archive index: one row per recorded broadcast (who, what, when, where) pointing at
/// its Ogg Opus file. Stands alone (no foreign keys): an archived broadcast must outlive the
/// zones, users and media it mentions, which is why zones and operator are stored as text.
/// </summary>
internal static class V3Archive
{
    public const string Sql = """
        CREATE TABLE broadcast_archive (
            id            INTEGER PRIMARY KEY,
            broadcast_id  TEXT NOT NULL,
            -- relative to the data directory, '/'-separated: archive/YYYY/MM/DD/{broadcast_id}.opus
            path          TEXT NOT NULL UNIQUE,
            title         TEXT NOT NULL,
            class         TEXT NOT NULL CHECK (class IN ('normal', 'priority', 'emergency')),
            -- comma-separated zone ids, as targeted when the broadcast started
            zones         TEXT NOT NULL,
            operator      TEXT NOT NULL,
            started_at    INTEGER NOT NULL,
            ended_at      INTEGER,
            duration_ms   INTEGER,
            size_bytes    INTEGER,
            sha256        TEXT,
            status        TEXT NOT NULL
                CHECK (status IN ('recording', 'complete', 'aborted', 'interrupted', 'failed'))
        );
        CREATE INDEX broadcast_archive_started ON broadcast_archive(started_at);
        CREATE INDEX broadcast_archive_broadcast ON broadcast_archive(broadcast_id);
        """;
}
