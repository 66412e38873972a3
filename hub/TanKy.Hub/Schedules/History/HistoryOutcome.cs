namespace TanKy.Hub.Schedules.History;

/// <summary>Wire names of <c>programme_history.outcome</c> (documented in hub/docs/schedules.md).</summary>
internal static class HistoryOutcome
{
    public const string Planned = "planned";
    public const string Fired = "fired";
    public const string Aired = "aired";
    public const string Preempted = "preempted";
    public const string SkippedMisfire = "skipped-misfire";
    public const string SkippedHoliday = "skipped-holiday";
    public const string Failed = "failed";
}
