using Dapper;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>Scheduled airings played by the real hub as broadcasts to a simulated speaker, and their history.</summary>
public sealed class ProgrammeAiring_Tests
{
    [Fact]
    public async Task An_airing_plays_to_the_speaker_and_the_history_says_aired()
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        ProgrammeCommune.WriteProgramme(schedules, "tin-thu", DateTimeOffset.UtcNow.AddSeconds(8), "resume");
        await h.StartHubAsync(ProgrammeCommune.Settings(schedules));
        await h.StartNodeAsync("loa-khoi-1-a");

        var aired = await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-thu") is { Outcome: "aired" } r ? r.ToString() : null, ProgrammeCommune.Long, "aired");

        var row = ProgrammeCommune.History(h, "tin-thu")!.Value;
        var broadcast = h.Hub.Get<IBroadcastService>().Get(row.BroadcastId!)!;
        broadcast.StreamId.Should().StartWith("p-tin-thu-", "the airing id is the stream id pre-cached nodes know");
        broadcast.Should().BeEquivalentTo(new { Operator = "schedule", Source = "schedule", Class = "normal", Policy = "resume", Title = "Bản tin thử" }, aired);
        using var c = h.Dir.Db.Open();
        c.ExecuteScalar<string?>("SELECT status FROM broadcast_deliveries WHERE broadcast_id = @id AND device_id = 'loa-khoi-1-a'", new { id = row.BroadcastId })
            .Should().BeOneOf(["started", "finished", "timeout"], "the speaker played it (a node that played the airing from its pre-cache can end it by the 1 s release rule; see the session notes)");
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("skip")]
    public async Task An_emergency_preempts_the_programme_which_then_follows_its_policy(string policy)
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        ProgrammeCommune.WriteProgramme(schedules, "tin-thu", DateTimeOffset.UtcNow.AddSeconds(8), policy);
        await h.StartHubAsync(ProgrammeCommune.Settings(schedules));
        await h.StartNodeAsync("loa-khoi-1-a");
        var service = h.Hub.Get<IBroadcastService>();
        var broadcastId = await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-thu") is { BroadcastId: { } id } && service.Get(id)?.Status == BroadcastStatus.Playing ? id : null,
            ProgrammeCommune.Long, "the airing on the air");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        await service.PlayAsync(new BroadcastRequest(ProgrammeCommune.Alarm, BroadcastClass.Emergency, ["khoi-1"], "truong-khoi", "test"));

        var expected = policy == "resume" ? "aired" : "preempted";
        await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-thu") is { Outcome: var o } && o == expected ? o : null, ProgrammeCommune.Long, expected);
        var decisions = service.Decisions(broadcastId).Where(d => d.Zone == "khoi-1").ToList();
        var cut = decisions.Single(d => d.Kind == Hub.Broadcasts.Arbitration.DecisionKind.Preempted);
        cut.Offset.Should().BeGreaterThan(TimeSpan.FromSeconds(1)).And.BeLessThan(TimeSpan.FromSeconds(8));
        if (policy == "resume")
        {
            decisions.Single(d => d.Kind == Hub.Broadcasts.Arbitration.DecisionKind.Resumed).Offset.Should().Be(cut.Offset, "it resumes where it was cut");
            decisions[^1].Kind.Should().Be(Hub.Broadcasts.Arbitration.DecisionKind.Finished);
            ProgrammeCommune.History(h, "tin-thu")!.Value.Reason.Should().Contain("resumed");
        }
        else
        {
            decisions.Should().NotContain(d => d.Kind == Hub.Broadcasts.Arbitration.DecisionKind.Resumed);
            decisions[^1].Kind.Should().Be(Hub.Broadcasts.Arbitration.DecisionKind.Skipped);
            ProgrammeCommune.History(h, "tin-thu")!.Value.Reason.Should().Contain("preempted by");
        }
    }
}
