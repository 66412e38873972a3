using System.Text.Json;
using System.Text.Json.Serialization;

namespace TanKy.Hub.Schedules.Scheduling;

/// <summary>
/// Enums as their C# member names (<c>Priority</c>, <c>Restart</c>), ignoring
/// <see cref="JsonStringEnumMemberNameAttribute"/>: occurrence tickets in the Quartz job store
/// were written that way by <see cref="JsonStringEnumConverter"/>, and a reload compares
/// fingerprints of this JSON, so its bytes must not change with the wire names.
/// </summary>
internal sealed class MemberNameEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        // Reads what JsonStringEnumConverter accepted: a member name in any case, or a number.
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String when Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var value) => value,
            JsonTokenType.Number => (T)Enum.ToObject(typeof(T), reader.GetInt64()),
            _ => throw new JsonException($"not a {typeof(T).Name}"),
        };

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (Enum.IsDefined(value))
            {
                writer.WriteStringValue(value.ToString());
            }
            else
            {
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
