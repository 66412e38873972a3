using Microsoft.AspNetCore.Http;
using TanKy.Hub.Accounts;
using TanKy.Hub.Accounts.Http;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary>
/// One request's line in the audit, through <see cref="IBroadcastAudit"/>: priority and emergency
/// starts and stops, allowed or refused, and refusals whose class the request never said. Normal
/// broadcasts are the programme's daily business and are not audited.
/// </summary>
internal sealed class BroadcastAuditTrail(IBroadcastAudit? audit, HttpContext http, User user, bool isStop, BulletinClass? cls, string what, IReadOnlyList<string> zones)
{
    private bool Audited => audit is not null && cls is not BulletinClass.Normal;

    /// <summary>The row's id, or null when this request is not audited.</summary>
    public long? Write(bool allowed, string? reason, string? broadcastId = null) => Audited
        ? audit!.Record(new BroadcastAuditEntry(user.Name, user.Role.ToWire(), ClientChannel.Of(http), isStop, cls, what, zones,
            http.Connection.RemoteIpAddress?.ToString(), allowed, reason, broadcastId))
        : null;

    public void Completed(long? auditId, string? broadcastId, string? failure)
    {
        if (auditId is { } id)
        {
            audit!.Completed(id, broadcastId, failure);
        }
    }

    /// <summary>The class a body asked for: none said is normal, an unreadable one is unknown (null).</summary>
    public static BulletinClass? ClassOf(string? wire) =>
        wire is null ? BulletinClass.Normal : EnumWire.TryParse<BulletinClass>(wire, out var c) ? c : null;
}
