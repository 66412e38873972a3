using System.Globalization;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>Keys and airing ids derived from (programme or action id, start).</summary>
internal static class OccurrenceKeys
{
    private const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static string For(string id, DateTimeOffset start) => $"{id}@{start.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}";

    public static bool TryParse(string key, out string id, out DateTimeOffset start)
    {
        var at = key.LastIndexOf('@');
        id = at > 0 ? key[..at] : "";
        start = default;
        if (at <= 0 || !DateTime.TryParseExact(key[(at + 1)..], Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return false;
        }

        start = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// A protocol identifier for one airing (also the stream id the player should use):
    /// <c>p-{id}-{yyMMddHHmm}</c> in local time, ≤ 48 characters for ids of ≤ 32.
    /// </summary>
    public static string AiringId(string id, DateTimeOffset start) =>
        $"p-{id}-{CommuneTime.ToLocal(start).ToString("yyMMddHHmm", CultureInfo.InvariantCulture)}";
}
