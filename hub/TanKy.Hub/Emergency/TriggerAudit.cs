using Dapper;
using TanKy.Hub.Shared.Data;
using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>
/// The audit trail of emergency and priority actions (table <c>emergency_audit</c>): every start,
/// stop, cancel and refusal on every path (API, CLI, console, CAP, button) is one row. Refused
/// attempts are written too: a hamlet head probing another hamlet, or a stolen token, must leave a trace.
/// </summary>
public sealed class TriggerAudit(Database db, TimeProvider time)
{
    /// <summary>The role written when no person acted: the gateway button, the CAP folder watcher.</summary>
    public const string SystemRole = "system";

    public long Record(TriggerAttempt a)
    {
        ArgumentNullException.ThrowIfNull(a);
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            """
            INSERT INTO emergency_audit(ts, actor, role, channel, action, class, what, zones, remote, outcome, reason, broadcast_id)
            VALUES (@ts, @actor, @role, @channel, @action, @cls, @what, @zones, @remote, @outcome, @reason, @broadcastId) RETURNING id
            """,
            new
            {
                ts = time.GetUtcNow().ToUnixTimeMilliseconds(),
                actor = a.Actor,
                role = a.Role,
                channel = a.Channel.ToWire(),
                action = a.Action.ToWire(),
                cls = a.Class?.ToWire(),
                what = Clip(a.What, 500),
                zones = string.Join(',', a.Zones),
                remote = a.Remote,
                outcome = a.Allowed ? "allowed" : "refused",
                reason = a.Reason is null ? null : Clip(a.Reason, 500),
                broadcastId = a.BroadcastId,
            });
    }

    /// <summary>The short form used before actions and classes were recorded: a start of unknown class.</summary>
    public long Record(string actor, string? role, TriggerChannel channel, string what, IReadOnlyCollection<string> zones, string? remote, bool allowed, string? reason, string? broadcastId = null) =>
        Record(new TriggerAttempt(actor, role ?? SystemRole, channel, TriggerAction.Start, null, what, zones, remote, allowed, reason, broadcastId));

    /// <summary>Attaches the broadcast id once the engine has answered.</summary>
    public void SetBroadcast(long auditId, string broadcastId)
    {
        using var c = db.Open();
        c.Execute("UPDATE emergency_audit SET broadcast_id = @broadcastId WHERE id = @auditId", new { auditId, broadcastId });
    }

    /// <summary>
    /// An allowed attempt the engine could not carry out (unknown clip, engine down): the row stays
    /// <c>allowed</c> (authorisation said yes) and its reason says what failed, so no row claims a broadcast that never aired.
    /// <paramref name="failure"/> is a stored text message (<see cref="Failed"/> when the cause is only in the
    /// log); it follows the reason after <see cref="Then"/>, and readers render each part apart
    /// (<see cref="RenderReason"/>), as the audit page does with its " → " parts.
    /// </summary>
    public void SetFailed(long auditId, string failure)
    {
        using var c = db.Open();
        c.Execute(
            "UPDATE emergency_audit SET reason = substr(COALESCE(reason || @then, '') || @failure, 1, 500) WHERE id = @auditId",
            new { auditId, failure, then = Then });
    }

    /// <summary>Between the reason an attempt was allowed and what then failed.</summary>
    public const string Then = " → ";

    /// <summary>"Could not be carried out (details in the hub log)": the failure of an exception whose words are for the log only.</summary>
    public static string Failed => new Shared.Text.TextMessage("emergency.reason.failed").Encode();

    /// <summary>A stored reason in <paramref name="language"/>: each part (<see cref="Then"/>) translated; free text as written.</summary>
    public static string RenderReason(Shared.Text.HubText text, string reason, string language) =>
        string.Join(Then, reason.Split(Then).Select(part => text.Render(part, language)));

    public IReadOnlyList<TriggerAuditEntry> Query(TriggerAuditQuery q)
    {
        using var c = db.Open();
        var rows = c.Query<(long Id, long Ts, string Actor, string? Role, string Channel, string? Action, string? Class, string What, string Zones, string? Remote, string Outcome, string? Reason, string? BroadcastId)>(
            """
            SELECT id, ts, actor, role, channel, action, class, what, zones, remote, outcome, reason, broadcast_id FROM emergency_audit
            WHERE (@from IS NULL OR ts >= @from) AND (@to IS NULL OR ts < @to) AND (@actor IS NULL OR actor = @actor)
              AND (@outcome IS NULL OR outcome = @outcome)
              AND (@zone IS NULL OR ',' || zones || ',' LIKE '%,' || @zone || ',%')
            ORDER BY ts DESC, id DESC LIMIT @limit
            """,
            new
            {
                from = q.From?.ToUnixTimeMilliseconds(),
                to = q.To?.ToUnixTimeMilliseconds(),
                actor = q.Actor,
                outcome = q.Allowed is null ? null : q.Allowed.Value ? "allowed" : "refused",
                zone = q.Zone,
                limit = Math.Clamp(q.Limit, 1, 10_000),
            });
        return rows.Select(r => new TriggerAuditEntry(
                r.Id,
                DateTimeOffset.FromUnixTimeMilliseconds(r.Ts),
                r.Actor,
                r.Role,
                EnumWire.TryParse<TriggerChannel>(r.Channel, out var channel) ? channel.Value : TriggerChannel.Api,
                EnumWire.TryParse<TriggerAction>(r.Action, out var action) ? action.Value : TriggerAction.Start,
                r.Class,
                r.What,
                r.Zones.Length == 0 ? [] : r.Zones.Split(','),
                r.Remote,
                r.Outcome == "allowed",
                r.Reason,
                r.BroadcastId))
            .ToList();
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
