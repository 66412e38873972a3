namespace TanKy.Hub.Emergency.Cap;

/// <summary>A row of <c>cap_alerts</c>: a message the hub has seen, what it did with it, and why (<see cref="Why"/>, for the console).</summary>
public sealed record CapAlertRecord(
    long Id,
    string Sender,
    string Identifier,
    string Sent,
    string Status,
    string MsgType,
    string? References,
    DateTimeOffset? Expires,
    DateTimeOffset ReceivedAt,
    string Source,
    string SubmittedBy,
    string Action,
    string Reason,
    string? Class,
    IReadOnlyList<string> Zones,
    string? BroadcastId,
    DateTimeOffset? EndedAt,
    CapWhy? Why = null);
