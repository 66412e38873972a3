namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Issue #18, the programme side of relays: the minutes a scheduled relay actually relayed per zone
/// (<c>programme_history.relayed_ms</c>, null for clip airings); one row per scheduled recording
/// (record now, air later) with the clip it became or why it failed; and the programme's own alerts
/// (a source unreachable ahead of airtime, a failed recording), kept in their own table like the
/// gateway's, logged, and shown on the console's agenda.
/// </summary>
internal static class V21RelayProgramme
{
    public const string Sql = """
        ALTER TABLE programme_history ADD COLUMN relayed_ms INTEGER;

        CREATE TABLE IF NOT EXISTS programme_recordings (
            name          TEXT NOT NULL,              -- the file's `as`
            occurrence_at INTEGER NOT NULL,           -- planned start, Unix ms
            source_id     TEXT NOT NULL,
            duration_ms   INTEGER NOT NULL,           -- planned
            state         TEXT NOT NULL CHECK (state IN ('recording', 'done', 'failed')),
            media_id      TEXT,                       -- done: the clip (no foreign key: old recordings are deleted)
            recorded_ms   INTEGER,                    -- source audio received (gaps not counted)
            reason        TEXT,                       -- failed: TextMessage.Encode()
            started_at    INTEGER NOT NULL,
            finished_at   INTEGER,
            PRIMARY KEY (name, occurrence_at)
        );

        CREATE TABLE IF NOT EXISTS programme_alerts (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            kind          TEXT NOT NULL,              -- source-unreachable | recording-failed
            subject       TEXT NOT NULL,              -- programme id or recording name
            source_id     TEXT,
            occurrence_at INTEGER NOT NULL,           -- the airing or recording it is about, Unix ms
            message       TEXT NOT NULL,              -- TextMessage.Encode()
            opened_at     INTEGER NOT NULL,
            UNIQUE (kind, subject, occurrence_at)
        );
        """;
}
