using System.Globalization;
using System.Text.RegularExpressions;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Times of day as officers write them: <c>07:30</c>, <c>7:30</c>, <c>7h30</c>, <c>7h</c>,
/// <c>19H05</c> (and <c>07:30:00</c> from older files). Anything else, including 24:00, is refused.
/// </summary>
internal static partial class TimeText
{
    public static bool TryParse(string? text, out TimeOnly time)
    {
        time = default;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success)
        {
            return false;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute, second);
        return true;
    }

    /// <summary>The file's form, <c>HH:mm</c> (seconds only when there are any).</summary>
    public static string Format(TimeOnly t) =>
        t.ToString(t.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    // "7h30" and "7h" (Vietnamese usage), or "07:30" / "7:30" / "07:30:00".
    [GeneratedRegex(@"^(?:(?<h>\d{1,2})[hH](?<m>\d{2})?|(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?)$")]
    private static partial Regex Pattern();
}
