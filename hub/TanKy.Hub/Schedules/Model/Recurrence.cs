namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// When a programme plays, in Asia/Ho_Chi_Minh wall-clock time. Exactly one day rule applies:
/// <see cref="Cron"/> (Quartz syntax), specific <see cref="Dates"/>, every N days/weeks from
/// <see cref="Anchor"/>, or <see cref="Days"/> of the week. <see cref="From"/>/<see cref="Until"/>
/// bound all of them (inclusive dates).
/// </summary>
public sealed record Recurrence(
    IReadOnlyList<TimeOnly> Times,
    IReadOnlySet<DayOfWeek> Days,
    IReadOnlyList<DateOnly> Dates,
    int Every,
    RecurrenceUnit Unit,
    DateOnly? Anchor,
    DateOnly? From,
    DateOnly? Until,
    string? Cron)
{
    public static IReadOnlySet<DayOfWeek> AllDays { get; } = Enum.GetValues<DayOfWeek>().ToHashSet();

    public bool InRange(DateOnly date) => (From is null || date >= From) && (Until is null || date <= Until);
}
