namespace TanKy.Hub.Schedules.Model;

/// <summary>One problem in the schedule files, printed as <c>file:line:column: reason</c>.</summary>
public sealed record ScheduleError(SourceLocation Location, string Reason)
{
    public override string ToString() => $"{Location}: {Reason}";
}
