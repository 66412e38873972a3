using System.Globalization;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// A relay's duration as people write it: <c>30m</c>, <c>1h</c>, <c>1h30m</c>, <c>90s</c> (the
/// programme files' form; Schedules has its own parser above Broadcasts, this is the same grammar).
/// </summary>
public static partial class RelayDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var m = text is null ? null : Pattern().Match(text.Trim());
        if (m is not { Success: true } || m.Length == 0)
        {
            return false;
        }

        duration = TimeSpan.FromHours(Part(m, "h")) + TimeSpan.FromMinutes(Part(m, "m")) + TimeSpan.FromSeconds(Part(m, "s"));
        return duration > TimeSpan.Zero;
    }

    public static string Format(TimeSpan d) =>
        d.TotalSeconds % 60 != 0 ? $"{(long)d.TotalSeconds}s"
        : d.TotalMinutes % 60 != 0 ? $"{(long)d.TotalMinutes}m"
        : $"{(long)d.TotalHours}h";

    private static int Part(Match m, string name) =>
        m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d{1,2})h)?(?:(?<m>\d{1,4})m)?(?:(?<s>\d{1,5})s)?$")]
    private static partial Regex Pattern();
}
