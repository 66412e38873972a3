using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Reports;

/// <summary>
/// Instants in the report's JSON as ISO 8601 in Vietnam time (<c>2026-11-10T07:00:00+07:00</c>):
/// the same instant as UTC, but what an officer reading the file expects.
/// </summary>
internal sealed class ReportTimeJson : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(CommuneTime.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture));
}
