using System.Text.Json;
using TanKy.Protocol.Messages;

namespace TanKy.Protocol;

/// <summary>
/// The one validation step every incoming payload goes through (protocol.md §5): topic, site,
/// size bound, JSON, version, schema. It never throws; a refusal carries a reason.
/// </summary>
public static class PayloadValidator
{
    public static ValidatedMessage Validate(string expectedSite, string? topic, ReadOnlySpan<byte> payload)
    {
        if (!Topics.TryParse(topic, out var parsed))
        {
            return ValidatedMessage.Fail(ProtocolError.UnknownTopic, $"not a protocol v1 topic: '{Truncate(topic)}'");
        }

        if (parsed.Site != expectedSite)
        {
            return ValidatedMessage.Fail(ProtocolError.ForeignSite, $"topic of site '{parsed.Site}', this is '{expectedSite}'", parsed);
        }

        if (parsed.Kind == TopicKind.Stream)
        {
            return payload.Length > ProtocolConstants.MaxStreamPayloadBytes
                ? ValidatedMessage.Fail(ProtocolError.TooLarge, $"audio message of {payload.Length} bytes exceeds {ProtocolConstants.MaxStreamPayloadBytes}", parsed)
                : new ValidatedMessage { Topic = parsed };
        }

        return ValidateJson(parsed, payload);
    }

    private static ValidatedMessage ValidateJson(ParsedTopic parsed, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > ProtocolConstants.MaxJsonPayloadBytes)
        {
            return ValidatedMessage.Fail(ProtocolError.TooLarge, $"payload of {payload.Length} bytes exceeds {ProtocolConstants.MaxJsonPayloadBytes}", parsed);
        }

        if (payload.IsEmpty)
        {
            return ValidatedMessage.Fail(ProtocolError.BadJson, "empty payload", parsed);
        }

        IProtocolMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(payload, ProtocolJson.TypeInfoFor(parsed.Kind)!) as IProtocolMessage;
        }
        catch (JsonException ex)
        {
            // A missing 'v' is a version problem, not a generic schema problem.
            var reason = ex.Message;
            var missingV = reason.Contains("'v'", StringComparison.Ordinal) && reason.Contains("missing", StringComparison.OrdinalIgnoreCase);
            return ValidatedMessage.Fail(missingV ? ProtocolError.WrongVersion : ProtocolError.BadJson, missingV ? "missing 'v'" : $"invalid JSON: {FirstLine(reason)}", parsed);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return ValidatedMessage.Fail(ProtocolError.BadJson, $"invalid JSON: {FirstLine(ex.Message)}", parsed);
        }

        if (message is null)
        {
            return ValidatedMessage.Fail(ProtocolError.BadJson, "JSON null is not a message", parsed);
        }

        if (message.V != ProtocolConstants.Version)
        {
            return ValidatedMessage.Fail(ProtocolError.WrongVersion, $"unsupported version v={message.V}, expected {ProtocolConstants.Version}", parsed);
        }

        var schemaError = MessageSchema.Check(message);
        return schemaError is null
            ? new ValidatedMessage { Topic = parsed, Message = message }
            : ValidatedMessage.Fail(ProtocolError.Schema, schemaError, parsed);
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? s : s[..i];
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";
}
