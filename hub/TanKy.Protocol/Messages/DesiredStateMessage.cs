using System.Text.Json.Nodes;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/desired</c> (retained, hub only): the whole desired state with a growing version.</summary>
public sealed record DesiredStateMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long Version { get; init; }

    public long Ts { get; init; }

    public required JsonObject State { get; init; }
}
