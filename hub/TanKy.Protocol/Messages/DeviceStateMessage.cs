using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary>
/// <c>dev/{id}/state</c> (retained). Birth: <c>online</c> with kind, firmware, boot id and
/// capabilities. Will and clean shutdown: <c>offline</c> (the other fields may be absent).
/// </summary>
public sealed record DeviceStateMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required string Status { get; init; }

    public string? Kind { get; init; }

    /// <summary>Firmware version string, at most 32 characters.</summary>
    public string? Fw { get; init; }

    /// <summary>Random id chosen at every boot, so the hub can tell a reboot from a reconnect.</summary>
    public string? Boot { get; init; }

    /// <summary>What the node can do, e.g. <c>opus</c>, <c>tone</c>, <c>snapshot</c>.</summary>
    public IReadOnlyList<string>? Caps { get; init; }

    /// <summary>Telemetry period in seconds the node will keep; the hub's silence timeout is three of them.</summary>
    public int? Interval { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }
}
