using System.Globalization;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.Media;

/// <summary>
/// How the media page writes a clip's numbers for officers: "6 phút 14 giây" rather than "(374 s)".
/// The same templates go to the page's script (page strings), so rows added after an upload read alike.
/// </summary>
internal static class ClipFormat
{
    /// <summary>The text keys whose templates take <c>{h}</c>, <c>{m}</c> and <c>{s}</c>.</summary>
    public static readonly string[] DurationKeys = ["media.dur.s", "media.dur.m", "media.dur.ms", "media.dur.h", "media.dur.hm"];

    /// <summary>Whole seconds (at least one for a non-empty clip), then the largest units that are not zero.</summary>
    public static string Duration(long milliseconds, Translate t)
    {
        var total = milliseconds <= 0 ? 0 : Math.Max(1, (long)Math.Round(milliseconds / 1000.0, MidpointRounding.AwayFromZero));
        var (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
        var key = h > 0 ? (m > 0 ? "media.dur.hm" : "media.dur.h")
            : m > 0 ? (s > 0 ? "media.dur.ms" : "media.dur.m")
            : "media.dur.s";
        return t(key)
            .Replace("{h}", h.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{m}", m.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{s}", s.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>"07/12/2026 14:05" in the commune's time (Asia/Ho_Chi_Minh), whatever the gateway's zone.</summary>
    public static string Uploaded(DateTimeOffset at, ConsoleTime time) =>
        time.Local(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
