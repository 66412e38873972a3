using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules.Relays;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Schedules.Precache;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules;

/// <summary>
/// What will play, when and where: the occurrences of <see cref="OccurrenceExpander"/> (the
/// scheduler's own source), resolved by <see cref="AgendaPlanner"/>, with each zone's speakers'
/// pre-cache state when they have reported one.
/// </summary>
public sealed class AgendaService(ProgrammeStore store, DeviceRegistry devices, CacheStateReader cache, ProgrammeAlerts alerts, TimeProvider time, IRelaySources? sources = null)
{
    public const int MaxDays = 31;

    public IReadOnlyList<AgendaEntry> Build(int days, string? zone) => Build(store.Current ?? ProgrammeSet.Empty, time.GetUtcNow(), days, zone);

    public IReadOnlyList<AgendaEntry> Build(ProgrammeSet set, DateTimeOffset from, int days, string? zone) =>
        Annotate(Compose(set, from, days, zone, devices, cache), from, days, alerts, sources);

    /// <summary>Relay source names, and the programme alerts about each airing (a warning beside it).</summary>
    public static IReadOnlyList<AgendaEntry> Annotate(IReadOnlyList<AgendaEntry> entries, DateTimeOffset from, int days, ProgrammeAlerts? alerts, IRelaySources? sources)
    {
        var warnings = (alerts?.Between(from, from + TimeSpan.FromDays(Math.Clamp(days, 1, MaxDays))) ?? [])
            .GroupBy(a => (a.Subject, a.OccurrenceAt)).ToDictionary(g => g.Key, g => g.Last().Message);
        return entries.Select(e => e with
        {
            SourceName = e.Relay is { } r ? sources?.Find(r.SourceId)?.Name : null,
            Warning = warnings.GetValueOrDefault((e.ProgrammeId, e.Start)),
        }).ToList();
    }

    /// <summary>The agenda of <paramref name="set"/> with the speakers' cache states (also used by the CLI, which has no store).</summary>
    public static IReadOnlyList<AgendaEntry> Compose(ProgrammeSet set, DateTimeOffset from, int days, string? zone, DeviceRegistry devices, CacheStateReader cache)
    {
        var entries = Compute(set, from, TimeSpan.FromDays(Math.Clamp(days, 1, MaxDays)), zone);
        return WithNodes(entries, devices.List(zone, DeviceKind.Speaker), cache.Read());
    }

    /// <summary>The agenda without node states: a pure function of the programme and the window.</summary>
    public static IReadOnlyList<AgendaEntry> Compute(ProgrammeSet set, DateTimeOffset from, TimeSpan span, string? zone) =>
        AgendaPlanner.Plan(OccurrenceExpander.Expand(set, from, from + span), zone);

    private static IReadOnlyList<AgendaEntry> WithNodes(IReadOnlyList<AgendaEntry> entries, IReadOnlyList<DeviceRecord> speakers, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> states)
    {
        var byZone = speakers.SelectMany(d => d.Zones.Select(z => (z, d.Id))).ToLookup(x => x.z, x => x.Id, StringComparer.Ordinal);
        return entries.Select(e => e.Status == AgendaStatus.SkippedHoliday ? e : e with
        {
            Nodes = byZone[e.Zone].Select(id => new NodeCacheState(id, StateOf(states.GetValueOrDefault(id), e.Media))).ToList(),
        }).ToList();
    }

    private static string StateOf(IReadOnlyDictionary<string, string>? reported, IReadOnlyList<string> media)
    {
        if (reported is null)
        {
            return "unknown";
        }

        var states = media.Select(m => reported.GetValueOrDefault(m)).ToList();
        return states.Any(s => s == "failed") ? "failed" : states.All(s => s == "ready") ? "ready" : "pending";
    }
}
