namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// Named days off (e.g. <c>le-tet</c>): every date written out, lunar ones included, because the
/// lunar calendar is the officer's to read, not the hub's to compute.
/// </summary>
public sealed record HolidayCalendar(string Id, string Title, IReadOnlyDictionary<DateOnly, string> Dates, SourceLocation Location)
{
    public string? NameOf(DateOnly date) => Dates.TryGetValue(date, out var name) ? name : null;
}
