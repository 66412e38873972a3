using System.Globalization;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Two programmes of the same class may not overlap in a zone (the arbiter would have to queue
/// one behind the other, which nobody planned). Searched over a horizon with the clips' real
/// durations; each conflicting pair is reported once, at both programmes, with the first clash.
/// </summary>
internal static class OverlapChecker
{
    public static void Check(ProgrammeSet set, DateTimeOffset from, TimeSpan horizon, List<ScheduleError> errors)
    {
        var occurrences = OccurrenceExpander.Expand(set, from, from + horizon).Where(o => o.SkippedBy is null && o.Duration > TimeSpan.Zero);
        var lanes = new Dictionary<(string Zone, BulletinClass Class), List<Occurrence>>();
        foreach (var o in occurrences)
        {
            foreach (var zone in o.Zones)
            {
                var key = (zone, o.Programme.Class);
                if (!lanes.TryGetValue(key, out var lane))
                {
                    lanes[key] = lane = [];
                }

                lane.Add(o);
            }
        }

        var reported = new HashSet<(string, string)>();
        foreach (var ((zone, _), lane) in lanes.OrderBy(l => l.Key.Zone, StringComparer.Ordinal))
        {
            Occurrence? longest = null;
            foreach (var o in lane)
            {
                if (longest is not null && o.Start < longest.End)
                {
                    Report(longest, o, zone, reported, errors);
                }

                if (longest is null || o.End > longest.End)
                {
                    longest = o;
                }
            }
        }
    }

    private static void Report(Occurrence a, Occurrence b, string zone, HashSet<(string, string)> reported, List<ScheduleError> errors)
    {
        var pair = string.CompareOrdinal(a.Programme.Id, b.Programme.Id) <= 0 ? (a.Programme.Id, b.Programme.Id) : (b.Programme.Id, a.Programme.Id);
        if (!reported.Add(pair))
        {
            return;
        }

        var cls = a.Programme.Class.ToWire();
        var when = CommuneTime.ToLocal(b.Start).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        var span = $"{Clock(a.Start)}–{Clock(a.End)} / {Clock(b.Start)}–{Clock(b.End)}";
        if (a.Programme.Id == b.Programme.Id)
        {
            errors.Add(new ScheduleError(a.Programme.Source.Of("recurrence"), "sched.err.overlapSelf", [a.Programme.Title, zone, when, span]));
            return;
        }

        errors.Add(new ScheduleError(b.Programme.Source.Of("id"), "sched.err.overlap", [a.Programme.Id, a.Programme.Source.Of("id").ToString(), cls, zone, when, span]));
        errors.Add(new ScheduleError(a.Programme.Source.Of("id"), "sched.err.overlap", [b.Programme.Id, b.Programme.Source.Of("id").ToString(), cls, zone, when, span]));
    }

    private static string Clock(DateTimeOffset t) => CommuneTime.ToLocal(t).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
