using TanKy.Hub.Broadcasts;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Schedules.Model;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.ProgrammeIntegration;

/// <summary>An airing as a broadcast request, and the arbiter's decisions as history outcomes.</summary>
public sealed class AiringMapping_Tests
{
    [Fact]
    public void An_airing_becomes_one_playlist_broadcast_by_the_schedule()
    {
        var airing = new ScheduledAiring(
            "ban-tin-sang", "Bản tin sáng", "p-ban-tin-sang-2611280600", DateTimeOffset.UnixEpoch, ["khoi-1", "xom-3"], BulletinClass.Priority,
            "m-nhachieudn", ["m-bantinsang", "m-tinhuyen26"], "m-nhachieukt", 80, PreemptionPolicy.Skip, TimeSpan.FromMinutes(10),
            new MisfireInfo(TimeSpan.Zero, TimeSpan.FromMinutes(5)));

        var request = BroadcastProgrammePlayer.ToRequest(airing);

        request.Should().BeEquivalentTo(new
        {
            Class = BulletinClass.Priority, Zones = new[] { "khoi-1", "xom-3" }, Operator = "schedule", Source = "schedule", Volume = 80,
            Policy = PreemptionPolicy.Skip, Title = "Bản tin sáng", StreamId = "p-ban-tin-sang-2611280600", Repeat = 1,
            Playlist = new[] { "m-nhachieudn", "m-bantinsang", "m-tinhuyen26", "m-nhachieukt" },
        });
    }

    [Theory]
    [InlineData("aired,finished", "aired", null)]
    [InlineData("aired,preempted,resumed,finished", "aired", "resumed at 0:03")]
    [InlineData("aired,preempted,restarted,finished", "aired", "restarted")]
    [InlineData("aired,preempted,skipped", "preempted", "preempted by bc-e")]
    [InlineData("skipped", "skipped-preempted", "skipped")]
    [InlineData("aired,cancelled", "cancelled", "stopped by van-hoa")]
    [InlineData("aired,failed", "failed", "no stream")]
    public void Final_decisions_give_the_outcome(string kinds, string outcome, string? reasonPart)
    {
        var decisions = kinds.Split(',').Select(k => new AiringDecision(k, k is "aired" ? 0 : 3000, k is "preempted" or "skipped" ? "bc-e" : null,
            k switch { "cancelled" => "stopped by van-hoa", "failed" => "no stream", _ => null })).ToList();

        var result = AiringOutcomeRules.Decide(decisions, firedReason: null);

        result.Should().NotBeNull();
        result!.Value.Outcome.Should().Be(outcome);
        if (reasonPart is not null)
        {
            HistoryReason.Render(result.Value.Reason, "en").Should().Contain(reasonPart);
        }
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("aired")]
    [InlineData("aired,preempted")]
    [InlineData("aired,preempted,resumed")]
    public void An_airing_still_playing_or_waiting_is_not_settled(string kinds) =>
        AiringOutcomeRules.Decide(kinds.Split(',').Select(k => new AiringDecision(k, 0, null, null)).ToList(), null).Should().BeNull();
}
