namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>A bulk action waiting for its time, or done with its result.</summary>
internal sealed record ScheduledAction(long Id, DeviceAction Action, DateTimeOffset DueAt, string? CreatedBy, string Status, DateTimeOffset? RanAt, BulkResult? Result);
