using System.Globalization;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>Local time of the commune (Asia/Ho_Chi_Minh by default): "23:00" means 23:00 in Tân Kỳ, whatever the gateway's TZ.</summary>
public sealed class CommuneClock(IOptions<ControlOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// The next time the clock shows <paramref name="text"/> (HH:MM, today or tomorrow), or an
    /// ISO 8601 timestamp with offset. Null when neither.
    /// </summary>
    public DateTimeOffset? Parse(string text)
    {
        if (Validation.OpeningHours.TryTime(text, allowMidnightEnd: false, out var at, out _))
        {
            var local = TimeZoneInfo.ConvertTime(Now, _zone);
            var candidate = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
            return candidate > Now ? candidate : candidate.AddDays(1);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact) && text.Contains('T', StringComparison.Ordinal) ? exact : null;
    }
}
