using System.Globalization;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules;

/// <summary>The agenda as the API and <c>--json</c> show it: local times (+07:00), durations in seconds, kebab-case status.</summary>
public sealed record AgendaDto(
    string Programme,
    string Title,
    string Zone,
    string Class,
    string Start,
    string End,
    double DurationSeconds,
    string Status,
    IReadOnlyList<AgendaDto.Segment> Segments,
    IReadOnlyList<string> PreemptedBy,
    string? Reason,
    IReadOnlyList<string> Media,
    IReadOnlyList<AgendaDto.Node> Nodes,
    AgendaDto.RelayInfo? Relay = null,
    string? Warning = null)
{
    public sealed record Segment(string Start, string End, double FromOffsetSeconds);

    /// <summary>A relay: the source's id and name, its slot in minutes, and the words ("Tiếp sóng VOV1 – 30 phút").</summary>
    public sealed record RelayInfo(string Source, string? Name, double Minutes, string Text);

    public sealed record Node(string Device, string Cache);

    /// <summary>The entry with its reason in <paramref name="language"/> (the planner stores it as a text key).</summary>
    public static AgendaDto From(AgendaEntry e, string language) => new(
        e.ProgrammeId, e.Title, e.Zone, e.Class.ToString().ToLowerInvariant(), Local(e.Start), Local(e.End), e.Duration.TotalSeconds, StatusName(e.Status),
        e.Segments.Select(s => new Segment(Local(s.Start), Local(s.End), s.FromOffset.TotalSeconds)).ToList(),
        e.PreemptedBy, e.Reason is null ? null : HubText.Default.Render(e.Reason, language), e.Media, e.Nodes.Select(n => new Node(n.DeviceId, n.State)).ToList(),
        e.Relay is { } r ? new RelayInfo(r.SourceId, e.SourceName, r.Duration.TotalMinutes, RelayText(r, e.SourceName, language)) : null,
        e.Warning is null ? null : HubText.Default.Render(e.Warning, language));

    /// <summary>"Tiếp sóng VOV1 – 30 phút" / "Relay of VOV1 – 30 min": the source's name when registered, else its id.</summary>
    public static string RelayText(ProgrammeRelay relay, string? sourceName, string language) =>
        HubText.Default.Format("relayprog.agenda.relay", language, sourceName ?? relay.SourceId, Math.Round(relay.Duration.TotalMinutes).ToString(CultureInfo.InvariantCulture));

    public static string StatusName(AgendaStatus s) => s switch
    {
        AgendaStatus.SkippedPreempted => "skipped-preempted",
        AgendaStatus.SkippedHoliday => "skipped-holiday",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Local(DateTimeOffset t) => CommuneTime.ToLocal(t).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
