using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Cache;

/// <summary>One item of the desired key <c>cache</c> (protocol.md §4.11): a clip of an airing, when it plays, where to fetch it.</summary>
internal sealed record CacheOrder(string Stream, string Media, string Sha256, long Size, long At, string Url)
{
    /// <summary>The valid items of a desired <c>cache</c> value; malformed items are left out (a firmware checks what it receives).</summary>
    public static IReadOnlyList<CacheOrder> ParseAll(JsonNode? value)
    {
        if (value is not JsonArray array)
        {
            return [];
        }

        var items = new List<CacheOrder>();
        foreach (var node in array)
        {
            if (node is JsonObject o && Text(o, "stream") is { } stream && Identifiers.IsValid(stream) && Text(o, "media") is { Length: > 0 and <= 64 } media
                && Text(o, "sha256") is { Length: 64 } sha && Number(o, "size") is > 0 and var size && Number(o, "at") is > 0 and var at
                && Text(o, "url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                items.Add(new CacheOrder(stream, media, sha.ToLowerInvariant(), size, at, url));
            }
        }

        return items;
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long Number(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : -1;
}
