using System.Text.Json;
using System.Text.Json.Serialization;

namespace TanKy.Hub.Shared;

/// <summary>
/// The HTTP API writes every instant in the commune's time, ISO 8601 with its offset
/// (<c>2026-11-28T19:00:00+07:00</c>), so what an officer or a script reads is the hour on the
/// commune's clocks; the instant is the same as before, only the offset changes. Used by the HTTP
/// API's <c>JsonOptions</c> and by the JSON report files; MQTT messages (Unix milliseconds,
/// <c>ProtocolJson</c>) are untouched. Reading keeps any offset a client sends.
/// </summary>
public sealed class CommuneTimeJson : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(CommuneTime.ToLocal(value));

    /// <summary>
    /// <see cref="DateTime"/> values: a UTC (or machine-local) one is the same instant in the
    /// commune's time; an unspecified one has no known zone and is written as it is.
    /// </summary>
    public sealed class ForDateTime : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            if (value.Kind == DateTimeKind.Unspecified)
            {
                writer.WriteStringValue(value);
                return;
            }

            writer.WriteStringValue(CommuneTime.ToLocal(new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero)));
        }
    }
}
