using System.Text.Json;

namespace TanKy.Hub.Broadcasts.Live;

/// <summary>The first message of a live session: <c>{"format":"pcm16","rate":48000|16000|8000}</c> or <c>{"format":"opus"}</c>.</summary>
internal sealed record LiveFormat(bool Opus, int Rate)
{
    /// <summary>The format, or null with the reason.</summary>
    public static (LiveFormat? Format, string? Error) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            var format = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            switch (format)
            {
                case "opus":
                    return (new LiveFormat(true, 48_000), null);
                case "pcm16":
                    var rate = root.TryGetProperty("rate", out var r) && r.TryGetInt32(out var v) ? v : 48_000;
                    return LivePcmEncoder.Rates.Contains(rate) ? (new LiveFormat(false, rate), null) : (null, $"rate {rate} is not 8000, 16000 or 48000");
                default:
                    return (null, "the first message must be {\"format\":\"pcm16\",\"rate\":48000} or {\"format\":\"opus\"}");
            }
        }
        catch (JsonException ex)
        {
            return (null, "the first message is not JSON: " + ex.Message);
        }
    }
}
