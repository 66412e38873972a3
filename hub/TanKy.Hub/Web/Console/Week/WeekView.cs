using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Web.Console.Week;

/// <summary>One airing on the week grid: a programme at one start, with every zone it reaches in the same way.</summary>
public sealed record WeekCard(string ProgrammeId, string Title, string Class, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<string> Zones, string Status, string? Reason,
    ProgrammeRelay? Relay = null, string? SourceName = null, string? Warning = null);

/// <summary>One local day of the week grid, its airings in start order.</summary>
public sealed record WeekDay(DateOnly Date, IReadOnlyList<WeekCard> Cards);

/// <summary>
/// The agenda (from <see cref="AgendaService"/>, the scheduler's own occurrences) folded into a
/// Monday–Sunday grid: one card per programme, start and outcome, instead of one per zone, so
/// a bulletin for all twelve hamlets is one line, not twelve.
/// </summary>
internal static class WeekView
{
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static IReadOnlyList<WeekDay> Build(IEnumerable<AgendaEntry> entries, DateOnly monday)
    {
        var cards = entries
            .GroupBy(e => (e.ProgrammeId, e.Start, e.Status))
            .Select(g =>
            {
                var first = g.First();
                return new WeekCard(first.ProgrammeId, first.Title, first.Class.ToString().ToLowerInvariant(), CommuneTime.ToLocal(first.Start), CommuneTime.ToLocal(first.End),
                    g.Select(e => e.Zone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), AgendaDto.StatusName(first.Status), first.Reason,
                    first.Relay, first.SourceName, first.Warning);
            })
            .ToLookup(c => DateOnly.FromDateTime(c.Start.DateTime));
        return Enumerable.Range(0, 7)
            .Select(i => monday.AddDays(i))
            .Select(d => new WeekDay(d, cards[d].OrderBy(c => c.Start).ThenBy(c => c.Title, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
