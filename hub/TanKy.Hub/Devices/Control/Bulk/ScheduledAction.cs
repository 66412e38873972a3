namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>
/// A bulk action waiting for its time, or done with its result; <see cref="Error"/> says why it could
/// not run at all, as a stored text message (<c>key|arg</c>) or, in rows from before keys, as written.
/// </summary>
internal sealed record ScheduledAction(long Id, DeviceAction Action, DateTimeOffset DueAt, string? CreatedBy, string Status, DateTimeOffset? RanAt, BulkResult? Result, string? Error = null);
