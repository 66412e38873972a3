namespace TanKy.Hub.Emergency;

/// <summary>One emergency trigger attempt: who, when, what, where, from which address, and the outcome.</summary>
public sealed record TriggerAuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? Role,
    TriggerChannel Channel,
    string What,
    IReadOnlyList<string> Zones,
    string? Remote,
    bool Allowed,
    string? Reason,
    string? BroadcastId);
