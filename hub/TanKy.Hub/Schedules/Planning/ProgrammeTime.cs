namespace TanKy.Hub.Schedules.Planning;

/// <summary>The commune's wall clock: every time in a schedule file is Asia/Ho_Chi_Minh (UTC+7, no DST).</summary>
public static class ProgrammeTime
{
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTimeOffset ToLocal(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone);

    public static DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(ToLocal(t).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
