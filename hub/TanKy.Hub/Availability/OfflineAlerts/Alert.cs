namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>A device that has been offline longer than its kind's threshold. Closed when it recovers or is removed.</summary>
public sealed record Alert(
    long Id,
    string DeviceId,
    string Kind,
    IReadOnlyList<string> Zones,
    DateTimeOffset OfflineSince,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string? CloseReason)
{
    public bool IsOpen => ClosedAt is null;
}
