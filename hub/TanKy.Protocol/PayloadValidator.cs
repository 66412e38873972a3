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

        // Checked up front: the JSON reader only validates the strings it decodes, so bad UTF-8 in
        // an unknown member or inside a free-form object (state, data, args) would otherwise pass.
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            return ValidatedMessage.Fail(ProtocolError.BadJson, "payload is not valid UTF-8", parsed);
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
    /// Walks the whole payload once: it must be one complete JSON object, every escaped string
    /// must decode (a lone surrogate like <c>"\ud800"</c> would otherwise hide in a free-form
    /// object and throw when the hub reads it later), and it must have a top-level member
    /// <c>v</c> that is the integer <see cref="ProtocolConstants.Version"/>. Returns null when so.
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

            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
                {
                    continue;
                }

                if (reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }

                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("v"u8))
                {
                    reader.Read();
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v)
                        ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : $"<{reader.TokenType}>";
                    if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                    {
                        _ = reader.GetString();
                    }
                }
            }

            if (reader.CurrentDepth != 0)
            {
                return (ProtocolError.BadJson, "invalid JSON: the top-level object is incomplete");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an escape that is not valid UTF-16 (half a surrogate pair).
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
