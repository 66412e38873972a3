using System.Text.Json.Nodes;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/reported</c> (retained): the state the device applied, echoing the desired version.</summary>
public sealed record ReportedStateMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long Version { get; init; }

    public long Ts { get; init; }

    public required JsonObject State { get; init; }

    /// <summary>Keys of the desired state the device could not apply, with a reason each.</summary>
    public IReadOnlyDictionary<string, string>? Errors { get; init; }
}
