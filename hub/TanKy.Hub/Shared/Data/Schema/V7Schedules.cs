
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Schema for the commune's programme: planned vs aired history, the last valid schedule files,
/// and which media each node was told to pre-cache. Quartz's own QRTZ_* tables live in the same
/// file but are created by Quartz (ProvisionSchema), not here. Written to apply on top of V1
/// alone, whatever V2–V6 add.
/// </summary>
internal static class V7Schedules
{
    public const string Sql = """
        -- One row per programme occurrence and zone: what was planned and what became of it.
        -- outcome: planned | fired | aired | preempted | skipped-misfire | skipped-holiday | failed
        CREATE TABLE programme_history (
            programme_id   TEXT NOT NULL,
            occurrence_at  INTEGER NOT NULL,      -- planned start, Unix ms
            zone           TEXT NOT NULL,
            title          TEXT NOT NULL,
            class          TEXT NOT NULL,         -- normal | priority
            planned_at     INTEGER NOT NULL,      -- when the scheduler first planned it
            fired_at       INTEGER,               -- when its job fired (late after a restart)
            outcome        TEXT NOT NULL,
            reason         TEXT,
            airing_id      TEXT NOT NULL,         -- p-{programme}-{yyMMddHHmm}, the stream id nodes know
            broadcast_id   TEXT,                  -- what IProgrammePlayer returned
            updated_at     INTEGER NOT NULL,
            PRIMARY KEY (programme_id, occurrence_at, zone)
        ) WITHOUT ROWID;
        CREATE INDEX programme_history_time ON programme_history(occurrence_at);
        CREATE INDEX programme_history_airing ON programme_history(airing_id);

        -- The last schedule files that validated, so a restart with a broken folder keeps the programme.
        CREATE TABLE schedule_snapshots (
            id           INTEGER PRIMARY KEY CHECK (id = 1),
            loaded_at    INTEGER NOT NULL,
            fingerprint  TEXT NOT NULL,
            files        TEXT NOT NULL            -- JSON [{name, text}]
        );

        -- Media a node was told to cache, and until when it may download them.
        CREATE TABLE precache_grants (
            device_id   TEXT NOT NULL,
            media_id    TEXT NOT NULL,
            expires_at  INTEGER NOT NULL,
            PRIMARY KEY (device_id, media_id)
        ) WITHOUT ROWID;
        """;
}
