using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Web.Console.Audit;

/// <summary>Records console actions (logins, setup, users, tokens) in <c>console_audit</c>. Never a password or token.</summary>
public sealed class ConsoleAudit(Database db, TimeProvider time)
{
    public void Record(string actor, string action, string? target, bool allowed, string? reason, string? remote)
    {
        using var c = db.Open();
        c.Execute(
            "INSERT INTO console_audit(ts, actor, action, target, outcome, reason, remote) VALUES (@ts, @actor, @action, @target, @outcome, @reason, @remote)",
            new
            {
                ts = time.GetUtcNow().ToUnixTimeMilliseconds(),
                actor = Clip(actor, 64),
                action,
                target = target is null ? null : Clip(target, 200),
                outcome = allowed ? "allowed" : "refused",
                reason = reason is null ? null : Clip(reason, 300),
                remote,
            });
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
