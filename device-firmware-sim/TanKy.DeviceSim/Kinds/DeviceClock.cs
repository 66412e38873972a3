using System.Globalization;

namespace TanKy.DeviceSim.Kinds;

/// <summary>
/// The device's own idea of local time: Vietnam is UTC+7 all year (no daylight saving), so a
/// firmware needs no time-zone database to apply opening hours or scheduled LED messages.
/// </summary>
internal static class DeviceClock
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static TimeOnly LocalTime(DateTimeOffset utcNow) => TimeOnly.FromDateTime(utcNow.ToOffset(VietnamOffset).DateTime);

    /// <summary>Minutes since local midnight for <c>HH:MM</c> (<c>24:00</c> = 1440 when allowed), or null.</summary>
    public static int? Minutes(string text, bool allowEndOfDay)
    {
        if (allowEndOfDay && text == "24:00")
        {
            return 1440;
        }

        return text.Length == 5 && text[2] == ':'
            && int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h < 24
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60
            ? (h * 60) + m
            : null;
    }

    /// <summary>Whether <paramref name="hours"/> ("05:00-23:00", may run past midnight) is open at <paramref name="time"/>; null hours = always open.</summary>
    public static bool IsOpen(string? hours, TimeOnly time)
    {
        if (hours is null || TryHours(hours) is not { } span)
        {
            return true;
        }

        var now = (time.Hour * 60) + time.Minute;
        return span.Start < span.End ? now >= span.Start && now < span.End : now >= span.Start || now < span.End;
    }

    public static (int Start, int End)? TryHours(string hours)
    {
        var parts = hours.Split('-');
        return parts.Length == 2 && Minutes(parts[0], false) is { } start && Minutes(parts[1], true) is { } end && start != end ? (start, end) : null;
    }
}
