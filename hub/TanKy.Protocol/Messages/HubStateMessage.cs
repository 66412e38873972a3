using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary><c>hub/state</c> (retained): birth <c>online</c>, will <c>offline</c>.</summary>
public sealed record HubStateMessage : IProtocolMessage
{
    public int V { get; init; } = ProtocolConstants.Version;

    public required string Status { get; init; }

    /// <summary>Random id of this hub run; changes on every restart.</summary>
    public string? Boot { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }
}
