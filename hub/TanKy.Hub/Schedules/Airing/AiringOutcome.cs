namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// What finally happened to a fired airing in one zone, as written to <c>programme_history</c>:
/// <c>aired</c> (played to its end, possibly after a resume or restart), <c>preempted</c> (cut and
/// dropped, <c>on_preempt: skip</c>), <c>skipped-preempted</c> (a higher class held the zone at
/// airtime and the policy is skip), <c>cancelled</c> (stopped by a person) or <c>failed</c>.
/// </summary>
internal static class AiringOutcome
{
    public const string SkippedPreempted = "skipped-preempted";
    public const string Cancelled = "cancelled";
}
