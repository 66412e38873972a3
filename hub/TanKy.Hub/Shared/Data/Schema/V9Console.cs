
namespace TanKy.Hub.Shared.Data.Schema;

/// <summary>
/// Web console: the audit of console actions (logins, setup, users, tokens). The users table
/// already has failed_logins / locked_until (V1). Independent of every other table, so it can be
/// applied in any order relative to the other feature branches' migrations.
/// </summary>
internal static class V9Console
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS console_audit (
            id       INTEGER PRIMARY KEY,
            ts       INTEGER NOT NULL,
            actor    TEXT NOT NULL,           -- user name as typed (login) or signed in
            action   TEXT NOT NULL,           -- login | logout | setup | user-add | user-disable | password | token-create | token-revoke
            target   TEXT,
            outcome  TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused')),
            reason   TEXT,
            remote   TEXT
        );
        CREATE INDEX IF NOT EXISTS console_audit_ts ON console_audit(ts);
        """;
}
