using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TanKy.Hub.Devices.Control.Bulk;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>Body of <c>POST /api/v1/bulk</c>: a <see cref="DeviceAction"/> and, optionally, when to run it.</summary>
internal sealed record BulkRequest
{
    public string? Zone { get; init; }

    public string? Kind { get; init; }

    public IReadOnlyList<string>? Devices { get; init; }

    public JsonObject? Set { get; init; }

    [JsonPropertyName("cmd")]
    public CommandSpec? Command { get; init; }

    public int? TimeoutSeconds { get; init; }

    /// <summary><c>HH:MM</c> (next time the commune's clock shows it) or an ISO 8601 timestamp; absent = now.</summary>
    public string? At { get; init; }

    public DeviceAction ToAction() => new() { Zone = Zone, Kind = Kind, Devices = Devices, Set = Set, Command = Command, TimeoutSeconds = TimeoutSeconds };
}
