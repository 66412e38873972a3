using System.Globalization;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Web.Console;

/// <summary>Times on pages are the commune's local time (<see cref="CommuneTime"/>), whatever the gateway's TZ.</summary>
public sealed class ConsoleTime
{
    public DateTimeOffset Local(DateTimeOffset at) => CommuneTime.ToLocal(at);

    /// <summary>"28/11/2026 14:05:09", the way Vietnamese users write dates.</summary>
    public string Show(DateTimeOffset at) => Local(at).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public string Show(DateTimeOffset? at) => at is { } a ? Show(a) : "—";

    public string Clock(DateTimeOffset at) => Local(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of a local date (yyyy-MM-dd) at midnight, for date filters.</summary>
    public DateTimeOffset? StartOfDay(string? date)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return null;
        }

        return CommuneTime.At(d, TimeOnly.MinValue);
    }
}
