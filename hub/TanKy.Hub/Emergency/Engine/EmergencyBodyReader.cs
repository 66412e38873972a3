using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Emergency.Engine;

/// <summary>Reads <see cref="EmergencyBody"/> from JSON or a multipart form (with the uploaded recording).</summary>
internal static class EmergencyBodyReader
{
    public static async Task<(EmergencyBody? Body, IFormFile? File, string? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return (null, null, new TextMessage("emergency.invalid.form").Encode());
            }

            var repeat = Int(form["repeat"]);
            var interval = Double(form["interval"]);
            if ((form["repeat"].Count > 0 && repeat is null) || (form["interval"].Count > 0 && interval is null))
            {
                return (null, null, new TextMessage("emergency.invalid.numbers").Encode());
            }

            var zones = form["zones"].SelectMany(z => (z ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var body = new EmergencyBody(zones, Text(form["media"]), Text(form["text"]), Text(form["siren"]), Text(form["headline"]), repeat, interval, Text(form["class"]));
            return (body, form.Files.GetFile("file"), null);
        }

        try
        {
            var body = await request.ReadFromJsonAsync<EmergencyBody>(ct);
            return body is null ? (null, null, new TextMessage("emergency.invalid.no-body").Encode()) : (body, null, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return (null, null, new TextMessage("emergency.invalid.json").Encode());
        }
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues v) => v.Count == 0 || string.IsNullOrWhiteSpace(v[0]) ? null : v[0]!.Trim();

    private static int? Int(Microsoft.Extensions.Primitives.StringValues v) =>
        Text(v) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static double? Double(Microsoft.Extensions.Primitives.StringValues v) =>
        Text(v) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
