using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>A loaded programme, or the errors that refuse it (sorted by file, line, column).</summary>
public sealed record ScheduleLoadResult(ProgrammeSet? Set, IReadOnlyList<ScheduleError> Errors)
{
    public bool IsValid => Set is not null && Errors.Count == 0;
}
