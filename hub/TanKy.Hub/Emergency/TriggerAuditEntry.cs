namespace TanKy.Hub.Emergency;

/// <summary>
/// One audited attempt: who (actor and role; <c>system</c> for the button and the CAP folder), when,
/// through which channel, which action on which class, where, from which address, the outcome and
/// the reason, and the broadcast it started or stopped. Enums travel as their wire names.
/// </summary>
public sealed record TriggerAuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? Role,
    TriggerChannel Channel,
    TriggerAction Action,
    string? Class,
    string What,
    IReadOnlyList<string> Zones,
    string? Remote,
    bool Allowed,
    string? Reason,
    string? BroadcastId);
