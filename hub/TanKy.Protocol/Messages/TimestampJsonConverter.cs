using System.Text.Json;
using System.Text.Json.Serialization;

namespace TanKy.Protocol.Messages;

/// <summary>
/// The optional <c>ts</c> member: a JSON integer (Unix ms); <c>null</c> reads as 0 ("unknown"),
/// like an absent member (protocol.md §1). Other tokens are refused as the default converter does.
/// </summary>
internal sealed class TimestampJsonConverter : JsonConverter<long>
{
    public override bool HandleNull => true;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => 0,
            JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
            _ => throw new JsonException($"ts must be an integer (Unix ms) or null, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
