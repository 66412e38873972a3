using TanKy.Protocol;

namespace TanKy.Hub.Devices;

/// <summary>A device as the registry knows it: identity, placement and what it last told the hub.</summary>
public sealed record DeviceRecord
{
    public required string Id { get; init; }

    public required DeviceKind Kind { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Zones { get; init; }

    public double? Lat { get; init; }

    public double? Lon { get; init; }

    public string? Notes { get; init; }

    public string? Firmware { get; init; }

    public string? BootId { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public int? TelemetryInterval { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    /// <summary><c>online</c>, <c>offline</c> or <c>unknown</c> (never heard from).</summary>
    public string Status { get; init; } = DeviceStatus.Unknown;

    public DateTimeOffset? StatusSince { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
