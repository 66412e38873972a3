using System.Globalization;
using TanKy.Hub.Schedules.History;

namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// Turns the arbiter's decisions for one zone of an airing's broadcast into a history outcome
/// and reason, once the last decision is final (finished, skipped, cancelled, failed). The reason
/// is stored as text keys (<see cref="HistoryReason"/>), shown in the reader's language.
/// </summary>
internal static class AiringOutcomeRules
{
    /// <summary>Null while the airing still plays or waits in the zone.</summary>
    public static (string Outcome, string? Reason)? Decide(IReadOnlyList<AiringDecision> decisions, string? firedReason)
    {
        if (decisions.Count == 0)
        {
            return null;
        }

        var last = decisions[^1];
        var cuts = decisions.Where(d => d.Decision == "preempted").ToList();
        var history = HistoryReason.Join([.. cuts.Select(Describe).Concat(decisions.Where(d => d.Decision is "resumed" or "restarted").Select(Describe))]);
        return last.Decision switch
        {
            "finished" => (HistoryOutcome.Aired, Join(firedReason, history)),
            "skipped" when decisions.Any(d => d.Decision == "aired") => (HistoryOutcome.Preempted, Join(history, Describe(last))),
            "skipped" => (AiringOutcome.SkippedPreempted, Join(history, Describe(last))),
            "cancelled" => (AiringOutcome.Cancelled, last.Reason ?? HistoryReason.Of("sched2.reason.stopped")),
            "failed" => (HistoryOutcome.Failed, last.Reason ?? HistoryReason.Of("sched2.reason.playback-failed")),
            _ => null,
        };
    }

    private static string Describe(AiringDecision d)
    {
        var at = TimeSpan.FromMilliseconds(d.OffsetMs).ToString(@"m\:ss", CultureInfo.InvariantCulture);
        return d.Decision switch
        {
            "preempted" => HistoryReason.Of("sched2.reason.preempted-at", d.ByBroadcast ?? "?", at),
            "resumed" => HistoryReason.Of("sched2.reason.resumed-at", at),
            "restarted" => HistoryReason.Of("sched2.reason.restarted"),
            // The arbiter's own reason is a part of its own (it may be a stored message itself).
            "skipped" => HistoryReason.Join(d.ByBroadcast is null ? HistoryReason.Of("sched2.reason.skipped") : HistoryReason.Of("sched2.reason.skipped-by", d.ByBroadcast), d.Reason)!,
            _ => d.Decision,
        };
    }

    private static string? Join(string? a, string? b) => HistoryReason.Join(a, b);
}
