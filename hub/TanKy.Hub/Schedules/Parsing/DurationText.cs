using System.Globalization;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>Short durations as people write them: <c>10m</c>, <c>90s</c>, <c>1h30m</c>, <c>0</c>.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var m = Pattern().Match(text);
        if (!m.Success || m.Length == 0)
        {
            return false;
        }

        duration = TimeSpan.FromHours(Part(m, "h")) + TimeSpan.FromMinutes(Part(m, "m")) + TimeSpan.FromSeconds(Part(m, "s"));
        return true;
    }

    public static string Format(TimeSpan d) =>
        d == TimeSpan.Zero ? "0"
        : d.TotalSeconds % 60 != 0 ? $"{(long)d.TotalSeconds}s"
        : d.TotalMinutes % 60 != 0 ? $"{(long)d.TotalMinutes}m"
        : $"{(long)d.TotalHours}h";

    private static int Part(Match m, string name) =>
        m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,3})h)?(?:(?<m>\d{1,4})m)?(?:(?<s>\d{1,5})s)?$")]
    private static partial Regex Pattern();
}
