using System.Globalization;

namespace TanKy.Hub.Broadcasts.History;

/// <summary>
/// A duration as people say it: "6 phút 14 giây", "1 giờ 5 phút", "0 giây" — not "(374 s)". The
/// words come from the text table (<c>bcast.dur.*</c>, "{0} phút" / "{0} min"), so the same code
/// serves the console in either language and the CLI.
/// </summary>
public static class SpokenDuration
{
    public static string Format(TimeSpan duration, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = (long)Math.Round(Math.Max(0, duration.TotalSeconds), MidpointRounding.AwayFromZero);
        var (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
        var parts = new List<string>(3);
        if (hours > 0)
        {
            parts.Add(Part(text("bcast.dur.h"), hours));
        }

        if (minutes > 0)
        {
            parts.Add(Part(text("bcast.dur.m"), minutes));
        }

        // Seconds are dropped from hour-long durations ("1 giờ 5 phút"), kept otherwise.
        if (hours == 0 && (seconds > 0 || parts.Count == 0))
        {
            parts.Add(Part(text("bcast.dur.s"), seconds));
        }

        return string.Join(' ', parts);
    }

    public static string Format(long milliseconds, Func<string, string> text) => Format(TimeSpan.FromMilliseconds(milliseconds), text);

    private static string Part(string pattern, long value) => string.Format(CultureInfo.InvariantCulture, pattern, value);
}
