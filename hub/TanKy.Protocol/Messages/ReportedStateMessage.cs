using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/reported</c> (retained): the state the device applied, echoing the desired version.</summary>
public sealed record ReportedStateMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long Version { get; init; }

    /// <summary>Unix ms when sent; 0 means unknown (no clock yet) and is left out of the JSON.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(TimestampJsonConverter))]
    public long Ts { get; init; }

    public required JsonObject State { get; init; }

    /// <summary>Keys of the desired state the device could not apply, with a reason each.</summary>
    public IReadOnlyDictionary<string, string>? Errors { get; init; }
}
