using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/desired</c> (retained, hub only): the whole desired state with a growing version.</summary>
public sealed record DesiredStateMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long Version { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }

    public required JsonObject State { get; init; }
}
