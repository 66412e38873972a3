using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>
/// The planning view of per-zone arbitration, a pure function of the occurrences: a priority
/// programme cuts a normal one, which then resumes, restarts or is dropped per its
/// <c>on_preempt</c>; equal classes queue first come, first served. Live arbitration (what
/// actually happens when the speakers play) is the broadcasts arbiter's; this only predicts it.
/// </summary>
internal static class AgendaPlanner
{
    public static IReadOnlyList<AgendaEntry> Plan(IReadOnlyList<Occurrence> occurrences, string? onlyZone = null)
    {
        var entries = new List<AgendaEntry>();
        var byZone = occurrences
            .SelectMany(o => o.Zones.Where(z => onlyZone is null || z == onlyZone).Select(z => (Zone: z, Occurrence: o)))
            .GroupBy(x => x.Zone, x => x.Occurrence, StringComparer.Ordinal);
        foreach (var zone in byZone)
        {
            var live = zone.Where(o => o.SkippedBy is null).ToList();
            var priorities = Queue(zone.Key, live.Where(o => o.Programme.Class == BulletinClass.Priority));
            entries.AddRange(priorities);
            entries.AddRange(Normals(zone.Key, live.Where(o => o.Programme.Class == BulletinClass.Normal), priorities));
            entries.AddRange(zone.Where(o => o.SkippedBy is not null).Select(o => Entry(o, zone.Key, AgendaStatus.SkippedHoliday, [], [], o.SkippedBy)));
        }

        entries.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : !string.Equals(a.Zone, b.Zone, StringComparison.Ordinal) ? string.CompareOrdinal(a.Zone, b.Zone)
            : string.CompareOrdinal(a.ProgrammeId, b.ProgrammeId));
        return entries;
    }

    /// <summary>Same-class occurrences in one zone, each starting when the previous one has finished.</summary>
    private static List<AgendaEntry> Queue(string zone, IEnumerable<Occurrence> sameClass)
    {
        var result = new List<AgendaEntry>();
        var free = DateTimeOffset.MinValue;
        foreach (var o in sameClass.OrderBy(o => o.Start))
        {
            var start = o.Start > free ? o.Start : free;
            result.Add(Entry(o, zone, start > o.Start ? AgendaStatus.Queued : AgendaStatus.Planned, [new AgendaSegment(start, start + o.Duration, TimeSpan.Zero)], [], null));
            free = start + o.Duration;
        }

        return result;
    }

    private static List<AgendaEntry> Normals(string zone, IEnumerable<Occurrence> normals, List<AgendaEntry> priorities)
    {
        var result = new List<AgendaEntry>();
        var free = DateTimeOffset.MinValue;
        foreach (var o in normals.OrderBy(o => o.Start))
        {
            var entry = Interrupt(o, zone, o.Start > free ? o.Start : free, priorities);
            result.Add(entry);
            free = entry.End;
        }

        return result;
    }

    /// <summary>Walks the priority airings that cut into one normal occurrence and applies its policy at each cut.</summary>
    private static AgendaEntry Interrupt(Occurrence o, string zone, DateTimeOffset t, List<AgendaEntry> priorities)
    {
        var queued = t > o.Start;
        var segments = new List<AgendaSegment>();
        var by = new List<string>();
        var offset = TimeSpan.Zero;
        foreach (var p in priorities.Where(p => p.Segments.Count > 0 && p.End > t).OrderBy(p => p.Segments[0].Start))
        {
            var cut = p.Segments[0].Start;
            if (cut >= t + (o.Duration - offset))
            {
                break;
            }

            if (cut > t)
            {
                segments.Add(new AgendaSegment(t, cut, offset));
                offset += cut - t;
            }

            by.Add(p.ProgrammeId);
            if (o.Programme.OnPreempt == PreemptionPolicy.Skip)
            {
                var status = segments.Count > 0 ? AgendaStatus.Preempted : AgendaStatus.SkippedPreempted;
                return Entry(o, zone, status, segments, by, Preempted(p.ProgrammeId));
            }

            offset = o.Programme.OnPreempt == PreemptionPolicy.Restart ? TimeSpan.Zero : offset;
            t = p.End > t ? p.End : t;
        }

        segments.Add(new AgendaSegment(t, t + (o.Duration - offset), offset));
        var final = by.Count == 0 ? (queued ? AgendaStatus.Queued : AgendaStatus.Planned)
            : o.Programme.OnPreempt == PreemptionPolicy.Restart ? AgendaStatus.Restarted : AgendaStatus.Resumed;
        return Entry(o, zone, final, segments, by, by.Count == 0 ? null : Preempted(string.Join(", ", by)));
    }

    // A stored text message (key|ids), shown in the reader's language by AgendaDto and the CLI.
    private static string Preempted(string programmes) => new TextMessage("sched2.agenda.preempted-by", programmes).Encode();

    private static AgendaEntry Entry(Occurrence o, string zone, AgendaStatus status, List<AgendaSegment> segments, List<string> by, string? reason) =>
        new(o.Programme.Id, o.Programme.Title, zone, o.Programme.Class, o.Start, o.Duration, status, segments, by, reason, o.Programme.Content.Sequence())
        {
            Relay = o.Programme.Content.Relay,
        };
}
