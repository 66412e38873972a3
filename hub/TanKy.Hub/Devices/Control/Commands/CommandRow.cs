using System.Text.Json.Nodes;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>A <c>device_commands</c> row as Dapper reads it.</summary>
internal sealed class CommandRow
{
    public const string Select = "SELECT id, device_id AS DeviceId, op, args, issued_by AS IssuedBy, issued_at AS IssuedAt, expires_at AS ExpiresAt, status, result, error, replied_at AS RepliedAt FROM device_commands";

    public string Id { get; set; } = "";

    public string DeviceId { get; set; } = "";

    public string Op { get; set; } = "";

    public string? Args { get; set; }

    public string? IssuedBy { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    public string Status { get; set; } = "";

    public string? Result { get; set; }

    public string? Error { get; set; }

    public long? RepliedAt { get; set; }

    public DeviceCommand ToCommand() => new(
        Id,
        DeviceId,
        Op,
        Args is null ? [] : JsonNode.Parse(Args)!.AsObject(),
        IssuedBy,
        DateTimeOffset.FromUnixTimeMilliseconds(IssuedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt),
        Status,
        Result is null ? null : JsonNode.Parse(Result)!.AsObject(),
        Error,
        RepliedAt is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null);
}
