namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// The emergency audit records what was done (<c>action</c>: start, stop, cancel) and on which
/// bulletin class, now that priority broadcasts and stops through the broadcasts API are audited
/// too. Columns are added, never rebuilt: existing rows keep their ids, and their action and class
/// are read back from the description they were written with ("cancel bc-…", "emergency: …").
/// The stored channel stays its wire name (api | cli | console | button | cap).
/// </summary>
internal static class V10EmergencyAudit
{
    public const string Sql = """
        ALTER TABLE emergency_audit ADD COLUMN action TEXT NOT NULL DEFAULT 'start';   -- start | stop | cancel
        ALTER TABLE emergency_audit ADD COLUMN class TEXT;                              -- normal | priority | emergency
        UPDATE emergency_audit SET action = 'cancel' WHERE what LIKE 'cancel%';
        UPDATE emergency_audit SET class = CASE
            WHEN what LIKE 'emergency:%' THEN 'emergency'
            WHEN what LIKE 'priority:%' THEN 'priority'
            WHEN what LIKE 'normal:%' THEN 'normal'
            END;
        CREATE INDEX IF NOT EXISTS emergency_audit_broadcast ON emergency_audit(broadcast_id);
        """;
}
