using TanKy.DeviceSim.Audio;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// Issue 4 "Dropped link" on a driven clock, with exact counts: the speaker pre-caches the airing
/// over the protocol, its link is cut the full minute before airtime, it plays from its
/// cache starting exactly at airtime, and its <c>playback.started</c> waits in the node's event
/// outbox until the link is back. The real-clock twin over a real link cut is <see cref="DroppedLink_Tests"/>.
/// </summary>
public sealed class DroppedLinkDriven_Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_node_cut_off_a_minute_before_airtime_plays_from_its_cache_at_airtime_and_reports_once_the_link_is_back()
    {
        var clock = new SimulatorAudio.Driven.DrivenClock();
        await using var p = await DrivenProgramme.StartAsync(clock, TimeSpan.FromMinutes(3));
        using var node = p.AddNode(TimeSpan.FromSeconds(-1.75));
        await p.PublishCacheOrdersAsync();
        p.AgendaState().Should().Be("ready");
        var airtime = p.AirtimeMicros;
        var frames = p.FramesOf(ProgrammeCommune.Chime) + p.FramesOf(ProgrammeCommune.Bulletin);
        var start = airtime - p.PreSkipMicrosOf(ProgrammeCommune.Chime);

        await p.Hub.RunUntilAsync(airtime - 60_000_000);
        node.CutLink();
        await p.FireTriggerAsync();
        await p.StartAiringAsync();
        await p.Hub.RunUntilAsync(airtime + 3_000_000);

        // Playing from the cache, on time to the microsecond, with nothing from the hub.
        var started = node.Speaker.Last(PlaybackNoticeKind.Started, p.AiringId)!.Stats;
        output.WriteLine(started.ToString());
        started.IntendedMicros.Should().Be(start, "its first sample after the pre-skip plays at the airtime");
        started.StartErrorMicros.Should().Be(0);
        started.TrueStartErrorMicros.Should().Be(0);
        node.Speaker.Counters.Should().BeEquivalentTo(new { OrdersAccepted = 1, OrdersIgnored = 0, FramesForeign = 0, FramesDuplicate = 0, FramesLate = 0 },
            "the only order is the cache's own; no live frame reached the node");
        p.Hub.Air.StreamMessages(p.AiringId).Should().NotBeEmpty("the hub streams the airing live all the same");

        // The started event waits for the link: queued, not sent, unknown to the hub.
        node.Outbox.Pending.Should().Be(1);
        node.EventsSent.Should().BeEmpty();
        var broadcastId = p.Outcome().BroadcastId!;
        p.Hub.Service.GetDeliveryReport(broadcastId).Should().BeEquivalentTo(new { Targeted = 1, Started = 0, Finished = 0 });

        node.RestoreLink();

        node.Outbox.Pending.Should().Be(0);
        node.EventsSent.Should().Equal("playback.started");
        var report = p.Hub.Service.GetDeliveryReport(broadcastId);
        report.Should().BeEquivalentTo(new { Started = 1, Finished = 0 });
        report.Nodes.Single().StartErrorUs.Should().Be(0);

        // The rest of the airing from the cache (the live frames it hears again are ignored), then its end.
        await p.Hub.RunUntilIdleAsync(TimeSpan.FromSeconds(30));
        node.Speaker.Finished(p.AiringId).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = frames, Concealed = 0, Fec = 0, Late = 0 });
        node.EventsSent.Should().Equal("playback.started", "playback.finished");
        p.Hub.Service.GetDeliveryReport(broadcastId).Nodes.Single().Should().BeEquivalentTo(new { Outcome = "finished", FramesPlayed = (long)frames, FramesConcealed = 0L, FramesLate = 0L, StartErrorUs = 0L });
        p.Outcome().Outcome.Should().Be("aired");
    }
}
