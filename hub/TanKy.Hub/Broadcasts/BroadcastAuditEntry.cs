using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// One start or stop (allowed or refused) through the broadcasts API. <paramref name="Channel"/> is
/// <c>api</c>, <c>cli</c> or <c>console</c>; <paramref name="Class"/> is null when the request did
/// not say (a refused body).
/// </summary>
public sealed record BroadcastAuditEntry(
    string Actor,
    string Role,
    string Channel,
    bool IsStop,
    BulletinClass? Class,
    string What,
    IReadOnlyList<string> Zones,
    string? Remote,
    bool Allowed,
    string? Reason,
    string? BroadcastId = null);
