namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>
/// A camera's automatic snapshots: one every <see cref="EveryMinutes"/>, counted from the last one
/// the hub asked for (or from when the schedule was switched on).
/// </summary>
public sealed record SnapshotSchedule(
    string DeviceId,
    int EveryMinutes,
    DateTimeOffset Since,
    string? LastCommandId,
    DateTimeOffset? LastIssuedAt,
    string? UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>When the next snapshot is due; an offline camera's overdue snapshot is taken when it is back.</summary>
    public DateTimeOffset DueAt => (LastIssuedAt ?? Since) + TimeSpan.FromMinutes(EveryMinutes);
}
