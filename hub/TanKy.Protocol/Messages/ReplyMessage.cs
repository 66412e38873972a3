using System.Text.Json.Nodes;

namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/reply</c>: the outcome of one command.</summary>
public sealed record ReplyMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required string Id { get; init; }

    /// <summary><c>ok</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    public string? Error { get; init; }

    public JsonObject? Data { get; init; }
}
