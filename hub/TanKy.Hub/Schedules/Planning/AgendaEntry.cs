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

    /// <summary>When the zone is released: the end of the last segment (the planned start when nothing plays).</summary>
    public DateTimeOffset End => Segments.Count > 0 ? Segments[^1].End : Start;
}
