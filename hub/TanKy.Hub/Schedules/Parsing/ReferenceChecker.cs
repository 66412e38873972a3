using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>Cross-file checks: duplicate ids and recording names, and every zone, clip (or recording), calendar, device and relay source referred to exists.</summary>
internal static class ReferenceChecker
{
    public static void Check(ParsedFile all, ScheduleReferences refs, IDeviceActionValueValidator? values, List<ScheduleError> errors)
    {
        Duplicates(all.Programmes.Select(p => (p.Id, p.Source.Of("id"))), "sched.err.duplicateProgramme", errors);
        Duplicates(all.Calendars.Select(c => (c.Id, c.Location)), "sched.err.duplicateCalendar", errors);
        Duplicates(all.Actions.Select(a => (a.Id, a.Source.Of("id"))), "sched.err.duplicateAction", errors);
        Duplicates(all.Recordings.Select(r => (r.Name, r.Source.Of(RecordingParser.NamePart))), "sched.err.duplicateRecording", errors);
        var recordings = all.Recordings.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        bool Known(string m) => refs.Media.ContainsKey(m) || recordings.Contains(m);
        var zones = refs.Zones.ToHashSet(StringComparer.Ordinal);
        var calendars = all.Calendars.Select(c => c.Id)
            .Concat(all.Refused.SelectMany(r => r.Keys).Where(k => k.StartsWith(CalendarParser.DeclaredCalendar, StringComparison.Ordinal)).Select(k => k[CalendarParser.DeclaredCalendar.Length..]))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var p in all.Programmes)
        {
            Zones(p.Zones, zones, p.Source, errors);
            Calendars(p.SkipOn, calendars, p.Source, errors);
            foreach (var m in p.Content.References().Distinct(StringComparer.Ordinal).Where(m => !Known(m)))
            {
                errors.Add(At(p.Source.Of("media:" + m), NoMedia(m)));
            }

            if (p.Content.Relay is { } relay && !refs.Sources.Contains(relay.SourceId))
            {
                errors.Add(At(p.Source.Of("source:" + relay.SourceId), NoSource(relay.SourceId)));
            }
        }

        foreach (var r in all.Recordings.Where(r => !refs.Sources.Contains(r.SourceId)))
        {
            errors.Add(At(r.Source.Of("source:" + r.SourceId), NoSource(r.SourceId)));
        }

        Refused(all.Refused, refs, Known, zones, calendars, errors);

        foreach (var a in all.Actions)
        {
            Zones(a.Target.Zones, zones, a.Source, errors);
            Calendars(a.SkipOn, calendars, a.Source, errors);
            if (a.Target.DeviceId is { } d && !refs.Devices.Contains(d))
            {
                errors.Add(new ScheduleError(a.Source.At, "sched.err.noDevice", [d]));
            }

            foreach (var (key, reason) in values?.Validate(a.Target.Kind, a.Set) ?? [])
            {
                errors.Add(new ScheduleError(a.Source.At, "sched.err.setValue", [key, reason]));
            }
        }
    }

    /// <summary>References of entries refused for other reasons, so every error shows in one run.</summary>
    private static void Refused(List<IReadOnlyDictionary<string, SourceLocation>> refused, ScheduleReferences refs, Func<string, bool> knownMedia, HashSet<string> zones, HashSet<string> calendars, List<ScheduleError> errors)
    {
        foreach (var (key, at) in refused.SelectMany(parts => parts))
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var (kind, id) = colon < 0 ? (key, "") : (key[..colon], key[(colon + 1)..]);
            (string Key, string Id)? reason = kind switch
            {
                "zone" when !zones.Contains(id) => NoZone(id),
                "media" when !knownMedia(id) => NoMedia(id),
                "source" when !refs.Sources.Contains(id) => NoSource(id),
                "calendar" when !calendars.Contains(id) => NoCalendar(id),
                _ => null,
            };
            if (reason is { } r)
            {
                errors.Add(At(at, r));
            }
        }
    }

    private static (string Key, string Id) NoZone(string z) => ("sched.err.noZone", z);

    private static (string Key, string Id) NoMedia(string m) => ("sched.err.noMedia", m);

    private static (string Key, string Id) NoSource(string s) => ("sched.err.noSource", s);

    private static (string Key, string Id) NoCalendar(string c) => ("sched.err.noCalendar", c);

    private static ScheduleError At(SourceLocation at, (string Key, string Id) reason) => new(at, reason.Key, [reason.Id]);

    private static void Duplicates(IEnumerable<(string Id, SourceLocation At)> items, string what, List<ScheduleError> errors)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (id, at) in items)
        {
            if (!seen.TryAdd(id, at))
            {
                errors.Add(new ScheduleError(at, what, [id, seen[id].ToString()]));
            }
        }
    }

    private static void Zones(IReadOnlyList<string> wanted, HashSet<string> known, ProgrammeSource source, List<ScheduleError> errors)
    {
        foreach (var z in wanted.Where(z => !known.Contains(z)))
        {
            errors.Add(At(source.Of("zone:" + z), NoZone(z)));
        }
    }

    private static void Calendars(IReadOnlyList<string> wanted, HashSet<string> known, ProgrammeSource source, List<ScheduleError> errors)
    {
        foreach (var c in wanted.Where(c => !known.Contains(c)))
        {
            errors.Add(At(source.Of("calendar:" + c), NoCalendar(c)));
        }
    }
}
