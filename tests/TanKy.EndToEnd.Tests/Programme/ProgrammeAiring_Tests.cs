using Dapper;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>Scheduled airings played by the real hub as broadcasts to a simulated speaker, and their history.</summary>
public sealed class ProgrammeAiring_Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// With the default 400 ms lead the hub's live play order usually reaches the speaker before
    /// its cache takes over (300 ms ahead); with 1.5 s it always does. Either way the speaker plays
    /// the pre-cached airing to its end (the cached frames carry the live order's epoch), starting
    /// at the airtime itself, where the hub's live stream starts too.
    /// </summary>
    [Theory]
    [InlineData(400)]
    [InlineData(1500)]
    public async Task An_airing_plays_to_the_speaker_and_the_history_says_aired(int leadMs)
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        var settings = ProgrammeCommune.Settings(schedules);
        settings["Broadcasts:LeadMs"] = leadMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await h.StartHubAsync(settings);
        var node = await h.StartNodeAsync("loa-khoi-1-a");

        // Written once the hub runs (its folder watcher reloads it), so a slow start on a loaded
        // machine cannot make the trigger fire after its arming time.
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
        ProgrammeCommune.WriteProgramme(schedules, "tin-thu", at, "resume");

        var aired = await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-thu") is { Outcome: "aired" } r ? r.ToString() : null, ProgrammeCommune.Long, "aired");

        var row = ProgrammeCommune.History(h, "tin-thu")!.Value;
        var broadcast = h.Hub.Get<IBroadcastService>().Get(row.BroadcastId!)!;
        broadcast.StreamId.Should().StartWith("p-tin-thu-", "the airing id is the stream id pre-cached nodes know");
        broadcast.Should().BeEquivalentTo(new { Operator = "schedule", Source = "schedule", Class = "normal", Policy = "resume", Title = "Bản tin thử" }, aired);
        var played = await ProgrammeCommune.UntilAsync(() => node.PlaybackOf(broadcast.StreamId) is { Reason: not null } p ? p : null, ProgrammeCommune.Long, "the speaker's end of the airing");
        output.WriteLine(played.ToString());
        var k = node.AudioCounters;
        output.WriteLine($"orders {k.OrdersAccepted}/{k.OrdersIgnored} ignored, dup {k.FramesDuplicate}, foreign {k.FramesForeign}, epoch {k.FramesWrongEpoch}, window {k.FramesOutOfWindow}, late {k.FramesLate}, missed {k.SlotsMissed}");
        played.Reason.Should().Be(DeviceSim.Audio.PlaybackEndReason.End, "a speaker plays the whole airing, from its cache or live, to the end-of-stream");
        Math.Abs(played.IntendedMicros!.Value - (at.ToUnixTimeMilliseconds() * 1000)).Should().BeLessThan(30_000, "the airing's first sound is at its airtime (within a frame and the 6.5 ms pre-skip), live or cached alike");
        await ProgrammeCommune.UntilAsync(() => DeliveryStatus(h, row.BroadcastId!) is "finished" ? "finished" : null, ProgrammeCommune.Long, "the delivery report to say finished");
    }

    /// <summary>
    /// A speaker with the airing in its cache, a 1.5 s stream lead: the hub's live play order
    /// reaches it first and it follows the live stream; 300 ms before airtime its cache takes
    /// over (the cache's own play order is then a repeat) and it plays on to the end without a gap.
    /// </summary>
    [Fact]
    public async Task A_speaker_following_the_live_airing_hands_over_to_its_cache_without_a_gap()
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        var settings = ProgrammeCommune.Settings(schedules);
        settings["Broadcasts:LeadMs"] = "1500";
        await h.StartHubAsync(settings);
        var node = await h.StartNodeAsync("loa-khoi-1-a");
        var at = DateTimeOffset.UtcNow.AddSeconds(20);
        at = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerSecond));
        ProgrammeCommune.WriteProgramme(schedules, "tin-cache", at, "resume");
        await ProgrammeCommune.WaitCacheReadyAsync(h, node, "tin-cache");
        var stream = Hub.Schedules.Planning.OccurrenceKeys.AiringId("tin-cache", at);

        var played = await ProgrammeCommune.UntilAsync(() => node.PlaybackOf(stream) is { Reason: not null } p ? p : null, ProgrammeCommune.Long, "the speaker's end of the airing");
        output.WriteLine(played.ToString());
        node.AudioCounters.OrdersIgnored.Should().Be(1, "the cache's play order came after the live one");
        played.Reason.Should().Be(DeviceSim.Audio.PlaybackEndReason.End);
        node.AudioCounters.FramesWrongEpoch.Should().Be(0, "the cached frames carry the live order's epoch");
        (played.Played + played.Fec + played.Concealed).Should().BeGreaterThan(440, "the 452 slots of the 1 s chime and 8 s bulletin were filled (a loaded machine may miss a few)");
        Math.Abs(played.IntendedMicros!.Value - (at.ToUnixTimeMilliseconds() * 1000)).Should().BeLessThan(30_000);
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

    private static string? DeliveryStatus(CommuneHarness h, string broadcastId)
    {
        using var c = h.Dir.Db.Open();
        return c.ExecuteScalar<string?>("SELECT status FROM broadcast_deliveries WHERE broadcast_id = @id AND device_id = 'loa-khoi-1-a'", new { id = broadcastId });
    }
}
