namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>A stored camera snapshot, named by the command that asked for it.</summary>
public sealed record SnapshotRecord(string CommandId, string DeviceId, string ContentType, long Bytes, DateTimeOffset UploadedAt);
