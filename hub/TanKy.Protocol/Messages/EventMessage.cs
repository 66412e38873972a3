using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/event</c>: something happened on the device (playback, button, tamper…).</summary>
public sealed record EventMessage : IProtocolMessage
{
    public required int V { get; init; }

    /// <summary>Dotted event name, e.g. <c>playback.started</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }

    /// <summary>The stream the event is about, for playback events.</summary>
    public string? Stream { get; init; }

    public JsonObject? Data { get; init; }
}
