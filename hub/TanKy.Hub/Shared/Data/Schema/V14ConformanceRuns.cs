namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Conformance runs (issue #15): who ran the kit against which device, when, and the whole report
/// (JSON), so a commune can show what a device passed before it paid for it.
/// </summary>
internal static class V14ConformanceRuns
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS conformance_runs (
            id            INTEGER PRIMARY KEY,
            device_id     TEXT NOT NULL,
            zone          TEXT,
            run_by        TEXT NOT NULL,          -- the user whose token started the run
            started_at    INTEGER NOT NULL,
            finished_at   INTEGER,                -- null: still running, or the hub stopped mid-run
            passed        INTEGER,                -- clauses passed / failed
            failed        INTEGER,
            report        TEXT                    -- the JSON report
        );
        CREATE INDEX IF NOT EXISTS conformance_runs_device ON conformance_runs(device_id, started_at);
        """;
}
