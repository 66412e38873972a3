using TanKy.Protocol;

namespace TanKy.Hub.Emergency;

/// <summary>
/// What <see cref="TriggerAudit.Record(TriggerAttempt)"/> writes: one start, stop, cancel or
/// refusal. <paramref name="Role"/> is the user's role, or <see cref="TriggerAudit.SystemRole"/>
/// when no person acted (gateway button, CAP folder).
/// </summary>
public sealed record TriggerAttempt(
    string Actor,
    string Role,
    TriggerChannel Channel,
    TriggerAction Action,
    BulletinClass? Class,
    string What,
    IReadOnlyCollection<string> Zones,
    string? Remote,
    bool Allowed,
    string? Reason,
    string? BroadcastId = null);
