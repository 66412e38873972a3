using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>
/// One airing of a programme as the recurrence produces it. <see cref="SkippedBy"/> names the
/// holiday when an exception calendar removes it (it is kept so the agenda and history can say so).
/// </summary>
internal sealed record Occurrence(Programme Programme, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<string> Zones, string? SkippedBy)
{
    public DateTimeOffset End => Start + Duration;

    /// <summary>Stable key: programme id and UTC start, e.g. <c>ban-tin-sang@20260105T230000Z</c>.</summary>
    public string Key => OccurrenceKeys.For(Programme.Id, Start);
}
