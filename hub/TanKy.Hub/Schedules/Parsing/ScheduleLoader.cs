using System.Security.Cryptography;
using System.Text;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared.Files;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Files → validated <see cref="ProgrammeSet"/>: parse each file, check ids and references across
/// files, compute durations from the media library, then search same-class overlaps. Used by
/// <c>schedules check</c>, the running hub's reload and the agenda alike.
/// </summary>
internal static class ScheduleLoader
{
    public static ScheduleLoadResult Load(IReadOnlyList<ScheduleSource> sources, ScheduleReferences refs, DateTimeOffset now, TimeSpan overlapHorizon, IDeviceActionValueValidator? values = null, InputFileLimits? limits = null)
    {
        var errors = new List<ScheduleError>();
        var all = new ParsedFile([], [], []);
        foreach (var source in sources)
        {
            var file = ScheduleFileParser.Parse(source, errors, limits);
            all.Programmes.AddRange(file.Programmes);
            all.Calendars.AddRange(file.Calendars);
            all.Actions.AddRange(file.Actions);
            all.Refused.AddRange(file.Refused);
            all.Recordings.AddRange(file.Recordings);
        }

        ReferenceChecker.Check(all, refs, values, errors);
        var set = Build(all, refs, sources);
        if (errors.Count == 0)
        {
            OverlapChecker.Check(set, now, overlapHorizon, errors);
            RecordingChecker.Check(set, now, errors);
        }

        var sorted = errors.Distinct()
            .OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)
            .ToList();
        return new ScheduleLoadResult(sorted.Count == 0 ? set : null, sorted);
    }

    private static ProgrammeSet Build(ParsedFile all, ScheduleReferences refs, IReadOnlyList<ScheduleSource> sources)
    {
        var calendars = new Dictionary<string, HolidayCalendar>(StringComparer.Ordinal);
        foreach (var c in all.Calendars)
        {
            calendars.TryAdd(c.Id, c);
        }

        var durations = all.Programmes.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => g.First()).ToDictionary(
            p => p.Id,
            p => Duration(p, refs, all.Recordings),
            StringComparer.Ordinal);
        return new ProgrammeSet(all.Programmes, calendars, all.Actions, durations, refs.Zones, Fingerprint(sources, refs, durations))
        {
            Recordings = all.Recordings.GroupBy(r => r.Name, StringComparer.Ordinal).Select(g => g.First()).ToList(),
        };
    }

    /// <summary>A relay lasts its <c>duration</c>; clips their library duration; a recording its planned duration.</summary>
    private static TimeSpan Duration(Model.Programme p, ScheduleReferences refs, List<RecordingDefinition> recordings) =>
        p.Content.Relay is { } relay
            ? relay.Duration
            : p.Content.Sequence().Aggregate(TimeSpan.Zero, (sum, m) => sum + (refs.Media.TryGetValue(m, out var d) ? d : recordings.FirstOrDefault(r => r.Name == m)?.Duration ?? TimeSpan.Zero));

    /// <summary>Changes when a file, the zone list or a duration changes: what the scheduler's plan depends on.</summary>
    private static string Fingerprint(IReadOnlyList<ScheduleSource> sources, ScheduleReferences refs, Dictionary<string, TimeSpan> durations)
    {
        var text = new StringBuilder();
        foreach (var s in sources)
        {
            text.Append(Path.GetFileName(s.Name)).Append('\0').Append(s.Text).Append('\0');
        }

        text.AppendJoin(',', refs.Zones).Append('\0');
        foreach (var (id, d) in durations.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(id).Append('=').Append(d.Ticks).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
