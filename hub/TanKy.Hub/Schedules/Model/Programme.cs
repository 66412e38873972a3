using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// One programme of the commune (bản tin sáng, tin thị trường…) as written in a schedule file.
/// <see cref="Zones"/> is empty when <see cref="AllZones"/> is set.
/// </summary>
public sealed record Programme(
    string Id,
    string Title,
    ProgrammeContent Content,
    IReadOnlyList<string> Zones,
    bool AllZones,
    BulletinClass Class,
    int? Volume,
    Recurrence Recurrence,
    IReadOnlyList<string> SkipOn,
    PreemptionPolicy OnPreempt,
    TimeSpan PlayLateWithin,
    ProgrammeSource Source);
