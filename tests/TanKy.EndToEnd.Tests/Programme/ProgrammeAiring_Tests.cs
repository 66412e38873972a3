using Dapper;
using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.Audio;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// Scheduled airings on the real path and the real clock: the schedule folder, Quartz firing,
/// the airing as a broadcast through the embedded broker to a simulated speaker that pre-caches
/// it over the protocol, and the history. The exact logic — first sample at airtime, every slot
/// played once across the live-to-cache hand-over, the preemption offset — is checked on a driven
/// clock (<see cref="ProgrammeAiringDriven_Tests"/>); here only outcomes that hold whatever the
/// machine's load, and ground truth.
/// </summary>
public sealed class ProgrammeAiring_Tests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// The airing is aired, every frame of it published, and the speaker plays it to its end,
    /// live or from its cache; the delivery report says what the speaker measured. Where the
    /// first sound lands depends on the hub's wake-up and the speaker's: logged, not asserted.
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
        var stream = AiringRecords.Stream(h, broadcast.StreamId!);
        stream.Should().BeEquivalentTo(new { Frames = (long)AiringRecords.Frames(h), EndReason = "end" }, "every frame of the chime and the bulletin is published whatever the timing");
        var played = await node.WaitForPlaybackFinishedAsync(broadcast.StreamId!, ProgrammeCommune.Long);
        output.WriteLine(GroundTruth.Describe(node.DeviceId, played));
        AiringRecords.LogTiming(output, at, broadcast, stream, played, leadMs);
        played.Reason.Should().Be(PlaybackEndReason.End, "a speaker plays the whole airing, from its cache or live, to the end-of-stream");
        played.Epoch.Should().NotBeNull();
        Math.Abs(GroundTruth.ClockEstimateErrorMicros(played)).Should().BeLessThanOrEqualTo(GroundTruth.ClockEstimateBoundMicros);
        await ProgrammeCommune.UntilAsync(() => DeliveryStatus(h, row.BroadcastId!) is "finished" ? "finished" : null, ProgrammeCommune.Long, "the delivery report to say finished");
        h.Hub.Get<IBroadcastService>().GetDeliveryReport(row.BroadcastId!).Nodes.Single().Should().BeEquivalentTo(
            new { FramesPlayed = (long)played.Played, FramesConcealed = (long)played.Concealed, FramesLate = (long)played.Late, StartErrorUs = played.StartErrorMicros });
    }

    /// <summary>
    /// A speaker with the airing in its cache and a 1.5 s stream lead hears two play orders for the
    /// airing, the hub's and its cache's (whichever comes first): it follows one, ignores the other,
    /// never drops a frame for its epoch (the cached frames carry the live order's) and plays to the end.
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

        var played = await node.WaitForPlaybackFinishedAsync(stream, ProgrammeCommune.Long);
        output.WriteLine(GroundTruth.Describe(node.DeviceId, played));
        var k = node.AudioCounters;
        output.WriteLine($"orders {k.OrdersAccepted}/{k.OrdersIgnored} ignored, dup {k.FramesDuplicate}, foreign {k.FramesForeign}, epoch {k.FramesWrongEpoch}, late {k.FramesLate}, missed {k.SlotsMissed}");
        k.OrdersIgnored.Should().Be(1, "the airing's second play order (the cache's or the hub's) repeats the first");
        k.FramesWrongEpoch.Should().Be(0, "the cached frames carry the live order's epoch");
        played.Reason.Should().Be(PlaybackEndReason.End);
        Math.Abs(GroundTruth.ClockEstimateErrorMicros(played)).Should().BeLessThanOrEqualTo(GroundTruth.ClockEstimateBoundMicros);
    }

    /// <summary>
    /// An emergency once the speaker has played 2 s of the airing: the programme is preempted part
    /// way and resumed at the offset it was cut at (resume), or not at all (skip).
    /// </summary>
    [Theory]
    [InlineData("resume")]
    [InlineData("skip")]
    public async Task An_emergency_preempts_the_programme_which_then_follows_its_policy(string policy)
    {
        await using var h = ProgrammeCommune.Prepare(out var schedules);
        ProgrammeCommune.WriteProgramme(schedules, "tin-thu", DateTimeOffset.UtcNow.AddSeconds(8), policy);
        await h.StartHubAsync(ProgrammeCommune.Settings(schedules));
        var node = await h.StartNodeAsync("loa-khoi-1-a");
        var service = h.Hub.Get<IBroadcastService>();
        var broadcastId = await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-thu") is { BroadcastId: { } id } && service.Get(id)?.Status == BroadcastStatus.Playing ? id : null,
            ProgrammeCommune.Long, "the airing on the air");
        var airing = service.Get(broadcastId)!.StreamId!;

        // Part way: the speaker has handed 2 s of the airing to its output.
        await ProgrammeCommune.UntilAsync(() => node.AudioCounters.FramesPlayed >= 100 ? "2 s played" : null, ProgrammeCommune.Long, "2 s of the airing played");
        var alarm = await service.PlayAsync(new BroadcastRequest(ProgrammeCommune.Alarm, BulletinClass.Emergency, ["khoi-1"], "truong-khoi", "test"));

        var expected = policy == "resume" ? "aired" : "preempted";
        await ProgrammeCommune.UntilAsync(
            () => ProgrammeCommune.History(h, "tin-thu") is { Outcome: var o } && o == expected ? o : null, ProgrammeCommune.Long, expected);
        var decisions = service.Decisions(broadcastId).Where(d => d.Zone == "khoi-1").ToList();
        output.WriteLine(string.Join("; ", decisions.Select(d => $"{d.Kind} {d.Offset}")));
        var cut = decisions.Single(d => d.Kind == DecisionKind.Preempted);
        cut.By.Should().Be(alarm.BroadcastId);
        cut.Offset.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.8), "the speaker had played 2 s (its output runs at most a 100 ms batch ahead)")
            .And.BeLessThan(TimeSpan.FromMilliseconds(20 * AiringRecords.Frames(h)), "the alarm came while the airing played");
        (await node.WaitForPlaybackFinishedAsync(alarm.StreamId!, ProgrammeCommune.Long)).Reason.Should().Be(PlaybackEndReason.End);
        if (policy == "resume")
        {
            decisions.Select(d => d.Kind).Should().Equal(DecisionKind.Aired, DecisionKind.Preempted, DecisionKind.Resumed, DecisionKind.Finished);
            decisions[2].Offset.Should().Be(cut.Offset, "it resumes where it was cut");
            var resumed = AiringRecords.Streams(h, broadcastId).Single(s => s.StreamId != airing);
            resumed.Frames.Should().Be(AiringRecords.Frames(h) - (int)(cut.Offset.Ticks / TimeSpan.FromMilliseconds(20).Ticks), "the resumed stream carries the rest from the cut");
            (await node.WaitForPlaybackFinishedAsync(resumed.StreamId, ProgrammeCommune.Long)).Reason.Should().Be(PlaybackEndReason.End);
            ProgrammeCommune.History(h, "tin-thu")!.Value.Reason.Should().Contain("resumed");
        }
        else
        {
            decisions.Select(d => d.Kind).Should().Equal(DecisionKind.Aired, DecisionKind.Preempted, DecisionKind.Skipped);
            AiringRecords.Streams(h, broadcastId).Should().ContainSingle("a skipped programme does not come back");
            ProgrammeCommune.History(h, "tin-thu")!.Value.Reason.Should().Contain("preempted by");
        }
    }

    private static string? DeliveryStatus(CommuneHarness h, string broadcastId)
    {
        using var c = h.Dir.Db.Open();
        return c.ExecuteScalar<string?>("SELECT status FROM broadcast_deliveries WHERE broadcast_id = @id AND device_id = 'loa-khoi-1-a'", new { id = broadcastId });
    }
}
