namespace TanKy.Hub.Shared;

/// <summary>
/// The commune's wall clock, the one time zone of the hub: schedule files, archive folders,
/// reports, console pages and CLI output are all Asia/Ho_Chi_Minh (UTC+7, no DST since 1975),
/// whatever the gateway's own TZ setting.
/// </summary>
public static class CommuneTime
{
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant of a local date and wall-clock time.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => At(date.ToDateTime(time, DateTimeKind.Unspecified));

    /// <summary>The instant of a local (unspecified-kind) date-time.</summary>
    public static DateTimeOffset At(DateTime local) => new(local, Zone.GetUtcOffset(local));

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Minimal images may lack tzdata; the offset has not changed since 1975.
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
