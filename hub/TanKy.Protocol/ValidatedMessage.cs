using TanKy.Protocol.Messages;

namespace TanKy.Protocol;

/// <summary>The outcome of <see cref="PayloadValidator.Validate"/>: a typed message or an error with a reason.</summary>
public sealed record ValidatedMessage
{
    public ProtocolError Error { get; init; }

    public string? Reason { get; init; }

    public ParsedTopic Topic { get; init; }

    /// <summary>The parsed JSON message; null for errors and for binary <c>stream</c> payloads.</summary>
    public IProtocolMessage? Message { get; init; }

    public bool IsValid => Error == ProtocolError.None;

    internal static ValidatedMessage Fail(ProtocolError error, string reason, ParsedTopic topic = default) =>
        new() { Error = error, Reason = reason, Topic = topic };
}
