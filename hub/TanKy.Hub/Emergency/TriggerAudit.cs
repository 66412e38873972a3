using System.Globalization;
using Dapper;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Emergency;

/// <summary>
/// The audit trail of emergency triggers (table <c>emergency_audit</c>). Refused attempts are
/// written too: a hamlet head probing another hamlet, or a stolen token, must leave a trace.
/// </summary>
public sealed class TriggerAudit(Database db, TimeProvider time)
{
    public long Record(string actor, string? role, TriggerChannel channel, string what, IReadOnlyCollection<string> zones, string? remote, bool allowed, string? reason, string? broadcastId = null)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>(
            """
            INSERT INTO emergency_audit(ts, actor, role, channel, what, zones, remote, outcome, reason, broadcast_id)
            VALUES (@ts, @actor, @role, @channel, @what, @zones, @remote, @outcome, @reason, @broadcastId) RETURNING id
            """,
            new
            {
                ts = time.GetUtcNow().ToUnixTimeMilliseconds(),
                actor,
                role,
                channel = ChannelWire(channel),
                what = Clip(what, 500),
                zones = string.Join(',', zones),
                remote,
                outcome = allowed ? "allowed" : "refused",
                reason = reason is null ? null : Clip(reason, 500),
                broadcastId,
            });
    }

    /// <summary>Attaches the broadcast id once the engine has answered.</summary>
    public void SetBroadcast(long auditId, string broadcastId)
    {
        using var c = db.Open();
        c.Execute("UPDATE emergency_audit SET broadcast_id = @broadcastId WHERE id = @auditId", new { auditId, broadcastId });
    }

    public IReadOnlyList<TriggerAuditEntry> Query(TriggerAuditQuery q)
    {
        using var c = db.Open();
        var rows = c.Query<(long Id, long Ts, string Actor, string? Role, string Channel, string What, string Zones, string? Remote, string Outcome, string? Reason, string? BroadcastId)>(
            """
            SELECT id, ts, actor, role, channel, what, zones, remote, outcome, reason, broadcast_id FROM emergency_audit
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
                ParseChannel(r.Channel),
                r.What,
                r.Zones.Length == 0 ? [] : r.Zones.Split(','),
                r.Remote,
                r.Outcome == "allowed",
                r.Reason,
                r.BroadcastId))
            .ToList();
    }

    internal static string ChannelWire(TriggerChannel channel) => channel.ToString().ToLower(CultureInfo.InvariantCulture);

    private static TriggerChannel ParseChannel(string wire) => Enum.TryParse<TriggerChannel>(wire, ignoreCase: true, out var c) ? c : TriggerChannel.Api;

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
