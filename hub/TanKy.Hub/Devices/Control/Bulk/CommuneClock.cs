using System.Globalization;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>Local time of the commune (<see cref="CommuneTime"/>): "23:00" means 23:00 in Tân Kỳ, whatever the gateway's TZ.</summary>
internal sealed class CommuneClock(TimeProvider time)
{

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// The next time the clock shows <paramref name="text"/> (HH:MM, today or tomorrow), or an
    /// ISO 8601 timestamp with offset. Null when neither.
    /// </summary>
    public DateTimeOffset? Parse(string text)
    {
        if (Validation.OpeningHours.TryTime(text, allowMidnightEnd: false, out var at, out _))
        {
            var local = CommuneTime.ToLocal(Now);
            var candidate = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
            return candidate > Now ? candidate : candidate.AddDays(1);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact) && text.Contains('T', StringComparison.Ordinal) ? exact : null;
    }
}
