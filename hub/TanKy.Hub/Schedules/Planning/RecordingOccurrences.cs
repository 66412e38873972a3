using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>One recording of a <see cref="RecordingDefinition"/> on one day.</summary>
internal sealed record RecordingOccurrence(RecordingDefinition Definition, DateTimeOffset Start)
{
    public DateTimeOffset End => Start + Definition.Duration;

    /// <summary>Stable key: <c>rec:{name}@{utc start}</c>.</summary>
    public string Key => OccurrenceKeys.For("rec:" + Definition.Name, Start);
}

/// <summary>When recordings happen, and which recording an airing plays.</summary>
internal static class RecordingOccurrences
{
    /// <summary>Every recording starting in [from, to), ordered by start then name.</summary>
    public static IReadOnlyList<RecordingOccurrence> Expand(IEnumerable<RecordingDefinition> recordings, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<RecordingOccurrence>();
        foreach (var r in recordings)
        {
            for (var day = CommuneTime.LocalDate(from).AddDays(-1); day <= CommuneTime.LocalDate(to); day = day.AddDays(1))
            {
                var start = CommuneTime.At(day, r.At);
                if (r.Days.Contains(day.DayOfWeek) && start >= from && start < to)
                {
                    result.Add(new RecordingOccurrence(r, start));
                }
            }
        }

        result.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Definition.Name, b.Definition.Name));
        return result;
    }

    /// <summary>
    /// The recording an airing at <paramref name="airing"/> plays: the latest one that has ended by
    /// then (looking back a week). Null when none is planned in that week.
    /// </summary>
    public static RecordingOccurrence? For(RecordingDefinition recording, DateTimeOffset airing) =>
        Expand([recording], airing - TimeSpan.FromDays(7) - recording.Duration, airing).LastOrDefault(o => o.End <= airing);

    /// <summary>The recording of the airing's own day that is still running (or not started) at airtime, if any.</summary>
    public static RecordingOccurrence? SameDayNotEnded(RecordingDefinition recording, DateTimeOffset airing)
    {
        var day = CommuneTime.LocalDate(airing);
        if (!recording.Days.Contains(day.DayOfWeek))
        {
            return null;
        }

        var o = new RecordingOccurrence(recording, CommuneTime.At(day, recording.At));
        return airing < o.End ? o : null;
    }
}
