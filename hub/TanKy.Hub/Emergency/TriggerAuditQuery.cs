namespace TanKy.Hub.Emergency;

/// <summary>Filter for <see cref="TriggerAudit.Query"/>; null fields do not filter. Newest first.</summary>
public sealed record TriggerAuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    bool? Allowed = null,
    string? Zone = null,
    int Limit = 200);
