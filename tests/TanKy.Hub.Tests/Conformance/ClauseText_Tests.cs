using TanKy.Hub.Conformance;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Tests.Conformance;

/// <summary>Clause names and reasons are stored as keys and read in the reader's language; rows written before keys stay as written.</summary>
public sealed class ClauseText_Tests
{
    private static readonly HubText Text = HubText.Default;

    [Fact]
    public void A_failing_clause_reads_in_Vietnamese_or_English_from_one_stored_report()
    {
        var stored = new ClauseResult("§4.4", "conf2.name.desired-echo", ClauseResult.Fail, ClauseText.M("conf2.r.wrong-version", 7, 8));
        var report = new ConformanceReport(1, "led-khoi-1", "led-board", null, ConformanceReport.ProtocolDraft, "ky-thuat", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [stored]);

        var vi = report.In("vi", Text).Clauses.Single();
        var en = report.In("en", Text).Clauses.Single();

        stored.Reason.Should().Be("conf2.r.wrong-version|7|8");
        vi.Reason.Should().Be("báo phiên bản 7, cần 8 (phiên bản desired đã áp dụng)");
        en.Reason.Should().Be("reported version 7, expected 8 (the desired version it applied)");
        vi.Name.Should().Be("desired → reported, phiên bản được báo lại (khoá §4.9)");
        en.Name.Should().Be("desired → reported, version echoed (§4.9 keys)");
        (vi.Clause, vi.Verdict, en.Passed).Should().Be(("§4.4", ClauseResult.Fail, false));
    }

    [Fact]
    public void Several_problems_read_part_by_part_and_an_argument_cannot_split_them()
    {
        var stored = ClauseText.All([ClauseText.M("conf2.r.no-finished"), ClauseText.M("conf2.r.threw", "a; b")]);

        ClauseText.Render(stored, "vi", Text).Should().Be("không có playback.finished; lỗi khi kiểm tra: a, b");
        ClauseText.Render(stored, "en", Text).Should().Be("no playback.finished; the check itself failed: a, b");
    }

    [Fact]
    public void A_reason_written_before_keys_is_shown_as_written()
    {
        const string old = "không trả lời / no reply to ping c-1 within 5 s";

        ClauseText.Render(old, "en", Text).Should().Be(old);
        ClauseText.Render("played 50, concealed 0; reason end", "vi", Text).Should().Be("played 50, concealed 0; reason end");
    }
}
