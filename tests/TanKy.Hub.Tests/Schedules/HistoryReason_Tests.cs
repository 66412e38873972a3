using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>
/// Issue #17: the airing history's reasons are stored as text keys and read in the reader's
/// language; rows written before keys ("bị chèn bởi / preempted by …") read as they were written.
/// </summary>
public sealed class HistoryReason_Tests
{
    [Fact]
    public void A_preempted_then_resumed_airing_reads_in_Vietnamese_and_in_English()
    {
        var decisions = new List<AiringDecision>
        {
            new("aired", 0, null, null), new("preempted", 3000, "bc-e", null), new("resumed", 3000, null, null), new("finished", 9000, null, null),
        };

        var reason = AiringOutcomeRules.Decide(decisions, HistoryReason.Of("sched2.reason.played-late", "7s"))!.Value.Reason;

        reason.Should().Be("sched2.reason.played-late|7s; sched2.reason.preempted-at|bc-e|0:03; sched2.reason.resumed-at|0:03", "what is stored is keys, not words");
        HistoryReason.Render(reason, "vi").Should().Be("phát trễ 7s; bị chèn bởi bc-e lúc 0:03; phát tiếp lúc 0:03");
        HistoryReason.Render(reason, "en").Should().Be("played late by 7s; preempted by bc-e at 0:03; resumed at 0:03");
    }

    [Fact]
    public void A_skip_keeps_the_arbiters_own_reason_and_a_stop_without_one_says_stopped()
    {
        var skipped = AiringOutcomeRules.Decide([new("skipped", 0, "bc-e", "zone held; by an emergency")], null)!.Value;
        HistoryReason.Render(skipped.Reason, "en").Should().Be("skipped (bc-e); zone held; by an emergency");
        HistoryReason.Render(skipped.Reason, "vi").Should().Be("bỏ phần còn lại (vì bc-e); zone held; by an emergency");

        var stopped = AiringOutcomeRules.Decide([new("aired", 0, null, null), new("cancelled", 2000, null, null)], null)!.Value;
        HistoryReason.Render(stopped.Reason, "vi").Should().Be("dừng tay");
    }

    [Theory]
    [InlineData("bị chèn bởi / preempted by bc-1 at 0:03; phát tiếp / resumed at 0:03")]
    [InlineData("stopped by van-hoa")]
    [InlineData("trễ 23m > cho phép 10m / 23m late, allowed 10m")]
    public void Rows_written_before_keys_read_as_written(string old)
    {
        HistoryReason.Render(old, "en").Should().Be(old);
        HistoryReason.Render(old, "vi").Should().Be(old);
    }

    [Fact]
    public void A_history_row_gives_its_reason_in_either_language()
    {
        var row = new HistoryRow("tin-de", 0, "khoi-1", "Tin đê", "normal", 0, 1, HistoryOutcome.SkippedMisfire, HistoryReason.Of("sched2.reason.misfire", "3m", "2m"), "p-tin-de", null);

        row.ReasonIn("vi").Should().Be("trễ 3m, chỉ cho phép trễ 2m");
        row.ReasonIn("en").Should().Be("3m late, allowed 2m");
        (row with { Reason = null }).ReasonIn("en").Should().BeNull();
    }

    [Fact]
    public void A_schedule_error_names_what_was_expected_in_the_readers_words()
    {
        var error = new ScheduleError(new SourceLocation("a.yaml", 3, 5), "sched.err.mapping", ["sched2.what.date-entry"]);
        var text = new TanKy.Hub.Shared.Text.HubText();

        error.Text(k => text.Get(k, "vi")).Should().Be("mục 'ngày nghỉ' phải là một bảng 'khoá: giá trị'");
        error.Text(k => text.Get(k, "en")).Should().Contain("date entry");
    }
}
