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

        // The version is checked before the v1 shape, so that a v2 message (or one without 'v')
        // is counted as a version problem rather than as bad JSON or a schema violation.
        if (CheckEnvelope(payload) is { } envelope)
        {
            return ValidatedMessage.Fail(envelope.Error, envelope.Reason, parsed);
        }

        IProtocolMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(payload, ProtocolJson.TypeInfoFor(parsed.Kind)!) as IProtocolMessage;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
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

    /// <summary>
    /// Reads the top level of the payload: it must be one JSON object with an integer member
    /// <c>v</c> equal to <see cref="ProtocolConstants.Version"/>. Returns null when it is.
    /// </summary>
    private static (ProtocolError Error, string Reason)? CheckEnvelope(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxDepth });
        string? version = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (ProtocolError.BadJson, "a message must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isV = reader.ValueTextEquals("v"u8);
                reader.Read();
                if (isV)
                {
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v)
                        ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : $"<{reader.TokenType}>";
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return (ProtocolError.BadJson, "invalid JSON: the top-level object is incomplete");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: e.g. a property name escaping half a surrogate pair.
            return (ProtocolError.BadJson, $"invalid JSON: {FirstLine(ex.Message)}");
        }

        if (version is null)
        {
            return (ProtocolError.WrongVersion, "missing 'v'");
        }

        return version == VersionText ? null : (ProtocolError.WrongVersion, $"unsupported version v={version}, expected {ProtocolConstants.Version}");
    }

    private const int MaxDepth = 16;

    private static readonly string VersionText = ProtocolConstants.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? s : s[..i];
    }

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";
}
