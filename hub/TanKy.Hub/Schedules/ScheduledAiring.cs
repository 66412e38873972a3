using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules;

/// <summary>
/// One occurrence of a programme, self-contained so it can be persisted in the job store and
/// played after a restart even if the files changed meanwhile.
/// <see cref="AiringId"/> (<c>p-{programme}-{yyMMddHHmm}</c>) is a protocol identifier: the
/// stream id the player should use, which pre-cached nodes also know (protocol.md §4.11).
/// <see cref="Relay"/> is set for a relay (no clips then); <see cref="Media"/> may name recordings,
/// resolved at airtime; <see cref="Fallback"/> airs when the source stays down or a recording failed.
/// </summary>
internal sealed record ScheduledAiring(
    string ProgrammeId,
    string Title,
    string AiringId,
    DateTimeOffset Start,
    IReadOnlyList<string> Zones,
    BulletinClass Class,
    string? ChimeBefore,
    IReadOnlyList<string> Media,
    string? ChimeAfter,
    int? Volume,
    PreemptionPolicy OnPreempt,
    TimeSpan Duration,
    MisfireInfo Misfire,
    ProgrammeRelay? Relay = null,
    string? Fallback = null)
{
    /// <summary>Chime, clips and closing chime in play order.</summary>
    public IReadOnlyList<string> Sequence() => new ProgrammeContent(ChimeBefore, Media, ChimeAfter).Sequence();
}
