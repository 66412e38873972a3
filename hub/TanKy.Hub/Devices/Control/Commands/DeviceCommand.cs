using System.Text.Json.Nodes;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>One command sent to a device and, once known, its outcome.</summary>
public sealed record DeviceCommand(
    string Id,
    string DeviceId,
    string Op,
    JsonObject Args,
    string? IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Status,
    JsonObject? Result,
    string? Error,
    DateTimeOffset? RepliedAt)
{
    public bool IsFinished => Status != CommandStatus.Pending;
}
