using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// Daily opening hours such as <c>05:00-23:00</c> in the commune's local time. An end before the
/// start runs past midnight (<c>22:00-02:00</c>); <c>24:00</c> is allowed as an end.
/// </summary>
internal sealed record OpeningHours(TimeOnly Start, TimeOnly End, bool EndsAtMidnight)
{
    // People type an en dash (05:00–23:00) as often as a hyphen; the wire form is ASCII.
    private static readonly char[] Separators = ['-', '\u2013', '\u2014'];

    public override string ToString() => $"{Start:HH\\:mm}-{(EndsAtMidnight ? "24:00" : End.ToString("HH\\:mm", CultureInfo.InvariantCulture))}";

    public bool IsOpenAt(TimeOnly time)
    {
        if (EndsAtMidnight)
        {
            return time >= Start;
        }

        return Start < End ? time >= Start && time < End : time >= Start || time < End;
    }

    /// <summary>Parses opening hours; otherwise the reason as a keyed message, shown in the reader's language.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out OpeningHours? hours, [NotNullWhen(false)] out TextMessage? error)
    {
        hours = null;
        var parts = (text ?? "").Split(Separators, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            error = new TextMessage("rules2.hours.shape", text);
            return false;
        }

        if (!TryTime(parts[0], allowMidnightEnd: false, out var start, out _))
        {
            error = new TextMessage("rules2.hours.start", parts[0]);
            return false;
        }

        if (!TryTime(parts[1], allowMidnightEnd: true, out var end, out var midnight))
        {
            error = new TextMessage("rules2.hours.end", parts[1]);
            return false;
        }

        if (!midnight && start == end)
        {
            error = new TextMessage("rules2.hours.same");
            return false;
        }

        hours = new OpeningHours(start, end, midnight);
        error = null;
        return true;
    }

    /// <summary>Parses <c>HH:MM</c> strictly: two digits each, hours 00–23, minutes 00–59.</summary>
    public static bool TryTime(string text, bool allowMidnightEnd, out TimeOnly time, out bool midnight)
    {
        time = default;
        midnight = allowMidnightEnd && text == "24:00";
        if (midnight)
        {
            return true;
        }

        if (text.Length != 5 || text[2] != ':' || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) || h > 23 || m > 59)
        {
            return false;
        }

        time = new TimeOnly(h, m);
        return true;
    }
}
