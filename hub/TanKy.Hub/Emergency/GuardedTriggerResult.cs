namespace TanKy.Hub.Emergency;

/// <summary>What <see cref="EmergencyGuard.TriggerAsync"/> did: refused (with the reason) or started a broadcast.</summary>
public sealed record GuardedTriggerResult(bool Allowed, string Reason, string? BroadcastId, long AuditId);
