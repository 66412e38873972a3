using Dapper;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Tests.Broadcasts;
using TanKy.Web.Tests.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.Text;

/// <summary>
/// Issue #17: "Vietnamese screens never show English", also on the paths that only run when
/// something fails. A broadcast's end reason and its decisions are stored as text keys, so a
/// failure reads in the reader's language; the exception's own (English) words go to the log only.
/// </summary>
public sealed class FailureReasons_Tests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_failed_stream_is_said_in_Vietnamese_in_its_end_reason_and_decisions_and_in_English_on_request()
    {
        using var h = new BroadcastHarness(new BroadcastOptions { StopRepeat = 1 });
        h.Mqtt.Fails = topic => topic.EndsWith("/play", StringComparison.Ordinal); // the stream fails: no play order goes out

        var ticket = await h.Service.PlayAsync(BroadcastHarness.Request(zones: "khoi-1"));
        await h.Service.WhenStreamsEndedAsync();

        var record = h.Service.Get(ticket.BroadcastId)!;
        record.Status.Should().Be(BroadcastStatus.Failed);
        var failed = h.Service.Decisions(ticket.BroadcastId).Where(d => d.Kind == DecisionKind.Failed).ToList();
        failed.Should().ContainSingle();
        foreach (var stored in new[] { record.EndReason, failed[0].Reason })
        {
            ShouldBeVietnamese(HubText.Default.Render(stored, "vi"));
            HubText.Default.Render(stored, "en").Should().Be("playback error (details in the hub log)");
            stored.Should().NotContain("MQTT", "the exception's words are for the log");
        }
    }

    [Fact]
    public void A_broadcast_that_played_in_some_zones_and_failed_in_others_says_both_in_Vietnamese()
    {
        var stored = new TextMessage("api2.end.finished-failed", 2, BroadcastEndReason.StreamFailed).Encode();

        ShouldBeVietnamese(HubText.Default.Render(stored, "vi"));
        HubText.Default.Render(stored, "en").Should().Be("played to the end in 2 zone(s); failed elsewhere: playback error (details in the hub log)");
    }

    [Fact]
    public async Task A_stream_cut_by_a_preemption_or_a_person_keeps_its_reason_as_a_key()
    {
        using var h = new BroadcastHarness();
        var normal = await h.Service.PlayAsync(BroadcastHarness.Request("tin-10s", zones: "khoi-1"));
        await h.RunClockAsync(TimeSpan.FromMilliseconds(400), Step);
        var emergency = await h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", BulletinClass.Emergency, zones: "khoi-1"));
        await h.RunClockAsync(TimeSpan.FromMilliseconds(3_000), Step); // the emergency ends, the normal one resumes
        (await h.Service.StopAsync(normal.BroadcastId, "van-hoa")).Should().Be(StopResult.Stopped);
        await h.RunUntilIdleAsync(Step, TimeSpan.FromSeconds(20));

        var reasons = StreamEndReasons(h, normal.BroadcastId);
        reasons.Should().HaveCount(2, "the first stream was preempted, the resumed one stopped");
        HubText.Default.Render(reasons[0], "vi").Should().Be($"nhường khu vực cho bản tin {emergency.BroadcastId}");
        HubText.Default.Render(reasons[0], "en").Should().Be($"preempted by {emergency.BroadcastId}");
        HubText.Default.Render(reasons[1], "vi").Should().Be("van-hoa đã dừng bản tin");
        HubText.Default.Render(reasons[1], "en").Should().Be("stopped by van-hoa");
    }

    [Fact]
    public async Task Broadcasts_a_previous_hub_run_left_on_the_air_are_marked_failed_in_words_of_the_readers_language()
    {
        using var h = new BroadcastHarness();
        var ticket = await h.Service.PlayAsync(BroadcastHarness.Request("tin-1s", zones: "khoi-1"));

        h.Store.FailOrphans(h.Dir.Time.GetUtcNow()).Should().Be(1);

        var stored = h.Store.Get(ticket.BroadcastId)!.EndReason;
        ShouldBeVietnamese(HubText.Default.Render(stored, "vi"));
        HubText.Default.Render(stored, "en").Should().Be("hub restarted while it was on the air or waiting");
        await h.RunUntilIdleAsync(Step, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Rows_written_before_keys_are_shown_as_written()
    {
        HubText.Default.Render("hub restarted while it was on the air or waiting", "vi").Should().Be("hub restarted while it was on the air or waiting");
        HubText.Default.Render("broken packet", "vi").Should().Be("broken packet");
    }

    internal static void ShouldBeVietnamese(string shown)
    {
        shown.Should().NotStartWith("[", "a key without text shows as [key]");
        VisibleText.EnglishIn(shown).Should().BeEmpty($"«{shown}» is shown on a Vietnamese screen");
        shown.Should().MatchRegex("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", "it is Vietnamese, not an English sentence that happens to avoid the listed words");
    }

    private static List<string> StreamEndReasons(BroadcastHarness h, string broadcastId)
    {
        using var c = h.Dir.Db.Open();
        return c.Query<string>("SELECT end_reason FROM broadcast_streams WHERE broadcast_id = @broadcastId ORDER BY epoch", new { broadcastId }).ToList();
    }
}
