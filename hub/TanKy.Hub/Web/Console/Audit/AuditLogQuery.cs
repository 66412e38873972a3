using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Web.Console.Audit;

/// <summary>
/// The one filterable audit view over the records each feature keeps in its own table:
/// console_audit, emergency_audit, device_commands and device_actions. Nothing is copied: the
/// query reads them where they are, newest first.
/// </summary>
public sealed class AuditLogQuery(Database db)
{
    public static readonly IReadOnlyList<string> Sources = ["console", "emergency", "command", "bulk"];

    private const string Union = """
        SELECT ts, actor, 'console' AS source, action, target, outcome, reason, remote FROM console_audit
        UNION ALL
        SELECT ts, actor, 'emergency', channel || ' ' || action, what || ' → ' || zones, outcome, reason, remote FROM emergency_audit
        UNION ALL
        SELECT issued_at, COALESCE(issued_by, '-'), 'command', op, device_id, status, error, NULL FROM device_commands
        UNION ALL
        SELECT created_at, COALESCE(created_by, '-'), 'bulk', 'bulk', substr(action, 1, 300), status, NULL, NULL FROM device_actions
        """;

    public IReadOnlyList<AuditEntry> Find(AuditFilter f)
    {
        using var c = db.Open();
        return c.Query<(long Ts, string Actor, string Source, string Action, string? Target, string Outcome, string? Reason, string? Remote)>(
                $"""
                SELECT * FROM ({Union})
                WHERE (@source IS NULL OR source = @source)
                  AND (@actor IS NULL OR actor = @actor)
                  AND (@outcome IS NULL OR outcome = @outcome)
                  AND (@text IS NULL OR instr(lower(action || ' ' || COALESCE(target, '') || ' ' || COALESCE(reason, '')), lower(@text)) > 0)
                  AND (@from IS NULL OR ts >= @from)
                  AND (@to IS NULL OR ts < @to)
                ORDER BY ts DESC LIMIT @limit
                """,
                new
                {
                    source = Blank(f.Source),
                    actor = Blank(f.Actor),
                    outcome = Blank(f.Outcome),
                    text = Blank(f.Text),
                    from = f.From?.ToUnixTimeMilliseconds(),
                    to = f.To?.ToUnixTimeMilliseconds(),
                    limit = Math.Clamp(f.Limit, 1, 2000),
                })
            .Select(r => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.Ts), r.Actor, r.Source, r.Action, r.Target, r.Outcome, r.Reason, r.Remote))
            .ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
