using System.Globalization;
using TanKy.Hub.Schedules.History;

namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// Turns the arbiter's decisions for one zone of an airing's broadcast into a history outcome
/// and reason, once the last decision is final (finished, skipped, cancelled, failed).
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
        var history = string.Join("; ", cuts.Select(Describe).Concat(decisions.Where(d => d.Decision is "resumed" or "restarted").Select(Describe)));
        return last.Decision switch
        {
            "finished" => (HistoryOutcome.Aired, Join(firedReason, history)),
            "skipped" when decisions.Any(d => d.Decision == "aired") => (HistoryOutcome.Preempted, Join(history, Describe(last))),
            "skipped" => (AiringOutcome.SkippedPreempted, Join(history, Describe(last))),
            "cancelled" => (AiringOutcome.Cancelled, last.Reason ?? "dừng tay / stopped"),
            "failed" => (HistoryOutcome.Failed, last.Reason ?? "lỗi phát / playback failed"),
            _ => null,
        };
    }

    private static string Describe(AiringDecision d)
    {
        var at = TimeSpan.FromMilliseconds(d.OffsetMs).ToString(@"m\:ss", CultureInfo.InvariantCulture);
        return d.Decision switch
        {
            "preempted" => $"bị chèn bởi / preempted by {d.ByBroadcast ?? "?"} at {at}",
            "resumed" => $"phát tiếp / resumed at {at}",
            "restarted" => "phát lại từ đầu / restarted",
            "skipped" => $"bỏ / skipped{(d.ByBroadcast is null ? "" : " (" + d.ByBroadcast + ")")}{(d.Reason is null ? "" : ": " + d.Reason)}",
            _ => d.Decision,
        };
    }

    private static string? Join(string? a, string? b)
    {
        var parts = new[] { a, b }.Where(s => !string.IsNullOrEmpty(s)).ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
