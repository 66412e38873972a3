namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Issue #17: background media imports kept across a restart. A job left <c>queued</c> or
/// <c>running</c> by a stop or a crash is taken up again at start from its spooled upload
/// (<c>media/.jobs/{id}.upload</c>), or marked <c>failed</c> with <c>failure_key</c> saying why, so
/// the officer always learns whether the clip was saved. Finished jobs are pruned after a week.
/// </summary>
internal static class V19MediaImportJobs
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS media_import_jobs (
            id              TEXT PRIMARY KEY,
            state           TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'refused', 'failed')),
            file_name       TEXT NOT NULL,
            title           TEXT NOT NULL,
            uploaded_by     TEXT NOT NULL,
            size_bytes      INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            started_at      INTEGER,
            finished_at     INTEGER,
            media_id        TEXT,                 -- done: the clip (no foreign key: deleting the clip keeps the job's history)
            duplicate       INTEGER NOT NULL DEFAULT 0,
            refusal_code    TEXT,                 -- refused: the library's stable code, e.g. wrong-header
            refusal_detail  TEXT,                 -- the probe's diagnosis, English
            refusal_why     TEXT,                 -- the detail meant for people, as TextMessage.Encode()
            failure_key     TEXT,                 -- failed: the text key people read
            error           TEXT                  -- failed: English, for support
        );
        CREATE INDEX IF NOT EXISTS media_import_jobs_by ON media_import_jobs(uploaded_by, created_at);
        CREATE INDEX IF NOT EXISTS media_import_jobs_state ON media_import_jobs(state);
        """;
}
