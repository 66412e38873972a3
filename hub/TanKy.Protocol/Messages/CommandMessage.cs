using System.Text.Json.Nodes;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/cmd</c> (hub only): a one-shot command. A device ignores it after <c>expires</c>.</summary>
public sealed record CommandMessage : IProtocolMessage
{
    public required int V { get; init; }

    /// <summary>Correlation id, echoed in the reply.</summary>
    public required string Id { get; init; }

    public required string Op { get; init; }

    public JsonObject? Args { get; init; }

    /// <summary>Unix ms after which the command must not run.</summary>
    public required long Expires { get; init; }
}
