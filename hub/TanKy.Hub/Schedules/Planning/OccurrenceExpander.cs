using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>
/// The one implementation of "when does what play": recurrence, then exception calendars. The
/// scheduler creates its triggers from this, the agenda and the overlap check read it too.
/// </summary>
internal static class OccurrenceExpander
{
    /// <summary>Every occurrence starting in [from, to), holiday-skipped ones included, ordered by start then programme id.</summary>
    public static IReadOnlyList<Occurrence> Expand(ProgrammeSet set, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<Occurrence>();
        foreach (var p in set.Programmes)
        {
            var zones = set.ZonesOf(p);
            var duration = set.DurationOf(p);
            foreach (var start in RecurrenceExpander.Starts(p.Recurrence, from, to))
            {
                result.Add(new Occurrence(p, start, duration, zones, Holiday(set, p.SkipOn, start)));
            }
        }

        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Programme.Id, b.Programme.Id));
        return result;
    }

    /// <summary>Device-action firings in [from, to), with the holiday that skips each (if any).</summary>
    public static IReadOnlyList<(DeviceActionDefinition Action, DateTimeOffset At, string? SkippedBy)> ExpandActions(ProgrammeSet set, DateTimeOffset from, DateTimeOffset to)
    {
        return set.Actions
            .SelectMany(a => RecurrenceExpander.Starts(a.Recurrence, from, to).Select(t => (a, t, Holiday(set, a.SkipOn, t))))
            .OrderBy(x => x.t).ThenBy(x => x.a.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"le-tet: Mùng 1 Tết" when one of <paramref name="calendars"/> lists the local date of <paramref name="start"/>.</summary>
    public static string? Holiday(ProgrammeSet set, IReadOnlyList<string> calendars, DateTimeOffset start)
    {
        if (calendars.Count == 0)
        {
            return null;
        }

        var date = CommuneTime.LocalDate(start);
        foreach (var id in calendars)
        {
            if (set.Calendars.TryGetValue(id, out var cal) && cal.NameOf(date) is { } name)
            {
                // Shown to officers: the calendar's own title ("Nghỉ lễ, Tết 2026–2027"), never its id.
                return name.Length > 0 ? $"{cal.Title}: {name}" : cal.Title;
            }
        }

        return null;
    }
}
