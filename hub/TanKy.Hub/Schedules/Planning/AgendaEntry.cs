using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Planning;

/// <summary>
/// One occurrence of a programme in one zone: when it was planned, what will actually play
/// (<see cref="Segments"/>), and why it differs (<see cref="Status"/>, <see cref="PreemptedBy"/>,
/// <see cref="Reason"/>). <see cref="Nodes"/> is the pre-cache state of the zone's speakers when known.
/// </summary>
public sealed record AgendaEntry(
    string ProgrammeId,
    string Title,
    string Zone,
    BulletinClass Class,
    DateTimeOffset Start,
    TimeSpan Duration,
    AgendaStatus Status,
    IReadOnlyList<AgendaSegment> Segments,
    IReadOnlyList<string> PreemptedBy,
    string? Reason,
    IReadOnlyList<string> Media)
{
    public IReadOnlyList<NodeCacheState> Nodes { get; init; } = [];

    /// <summary>The relayed source and slot when the programme is a relay (tiếp sóng).</summary>
    public ProgrammeRelay? Relay { get; init; }

    /// <summary>The relay source's registered name ("VOV1 – Thời sự") when known.</summary>
    public string? SourceName { get; init; }

    /// <summary>A programme alert about this airing (source unreachable ahead of airtime, recording failed), as a stored text message.</summary>
    public string? Warning { get; init; }

    /// <summary>When the zone is released: the end of the last segment (the planned start when nothing plays).</summary>
    public DateTimeOffset End => Segments.Count > 0 ? Segments[^1].End : Start;
}
