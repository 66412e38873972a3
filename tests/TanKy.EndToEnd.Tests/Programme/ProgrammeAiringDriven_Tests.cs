using System.Text.Json;
using TanKy.DeviceSim.Audio;
using TanKy.EndToEnd.Tests.SimulatorAudio.Driven;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Protocol;
using TanKy.Protocol.Audio;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Programme;

/// <summary>
/// Scheduled airings on a driven clock, with exact counts: Quartz fires the trigger ArmAhead
/// early, the airing player wakes a stream lead (plus 100 ms) before airtime and the hub pins the
/// stream so its first sample after the pre-skip plays at the airtime itself; a pre-cached speaker
/// follows the live stream and then its cache without a gap; an emergency preempts the programme
/// at a known instant. The real-clock twin over the embedded broker is <see cref="ProgrammeAiring_Tests"/>.
/// </summary>
public sealed class ProgrammeAiringDriven_Tests(ITestOutputHelper output)
{
    /// <param name="leadMs">The stream lead: the live play order and the first live messages reach the speaker before its cache takes over (300 ms ahead).</param>
    /// <param name="duplicates">
    /// Cached frames the speaker already had from the live stream: the live messages published
    /// before the cache took over (2 with a 400 ms lead, 13 with 1.5 s; 5 frames each) less the
    /// first 5, whose slots the player had already decided and the cache does not hand over again.
    /// </param>
    [Theory]
    [InlineData(400, 5)]
    [InlineData(1500, 60)]
    public async Task An_airing_fired_by_the_schedule_starts_its_first_sample_at_airtime_and_a_cached_speaker_plays_every_slot_once(int leadMs, int duplicates)
    {
        var clock = new DrivenClock();
        await using var p = await DrivenProgramme.StartAsync(clock, TimeSpan.FromMinutes(2), leadMs: leadMs);
        using var node = p.AddNode(TimeSpan.FromSeconds(3.3));
        await p.PublishCacheOrdersAsync();
        p.AgendaState().Should().Be("ready", "the node downloaded both clips and reported them");

        await p.FireTriggerAsync();
        await p.StartAiringAsync();
        await p.Hub.RunUntilIdleAsync(TimeSpan.FromSeconds(30));

        var airtime = p.AirtimeMicros;
        var frames = p.FramesOf(ProgrammeCommune.Chime) + p.FramesOf(ProgrammeCommune.Bulletin);
        var start = airtime - p.PreSkipMicrosOf(ProgrammeCommune.Chime);
        var lead = leadMs * 1000L;
        var wake = airtime - lead - 100_000;

        // The hub: one play order at the player's wake, the stream pinned so the first sample after the pre-skip plays at airtime.
        var orders = p.Hub.Air.Orders(DrivenProgramme.Zone);
        orders.Should().HaveCount(2);
        orders[0].AtMicros.Should().Be(wake, "the player wakes a stream lead and 100 ms before airtime");
        var play = JsonDocument.Parse(orders[0].Payload).RootElement;
        play.GetProperty("stream").GetString().Should().Be(p.AiringId, "the airing id is the stream id pre-cached nodes know");
        play.GetProperty("start").GetInt64().Should().Be(start);
        var epoch = (uint)play.GetProperty("epoch").GetInt64();
        var messages = p.Hub.Air.StreamMessages(p.AiringId).Select(m => (m.AtMicros, Frames: Parse(m.Payload))).ToList();
        messages.Should().HaveCount((frames + 4) / 5);
        messages.Sum(m => m.Frames.FrameCount).Should().Be(frames, "the chime and the bulletin, every frame once");
        (messages[0].Frames.FirstPlayoutMicros + p.PreSkipMicrosOf(ProgrammeCommune.Chime)).Should().Be(airtime, "the first sample after the pre-skip is published to play at the airtime");
        for (var k = 0; k < messages.Count; k++)
        {
            var (at, m) = messages[k];
            m.FirstSequence.Should().Be((uint)(5 * k));
            m.FirstPlayoutMicros.Should().Be(start + (k * 100_000L));
            at.Should().BeInRange(m.FirstPlayoutMicros - lead, m.FirstPlayoutMicros - lead + 999, "a lead ahead, never earlier (the hub's timers count whole milliseconds)");
            m.Epoch.Should().Be(epoch);
            m.IsEndOfStream.Should().Be(k == messages.Count - 1);
        }

        orders[1].AtMicros.Should().BeInRange(start + (frames * 20_000L) + 100_000, start + (frames * 20_000L) + 100_999, "the stop order follows the last frame's end by the grace");

        // The speaker: live first, then its cache; every slot once, in the live order's epoch.
        var played = node.Speaker.Finished(p.AiringId);
        output.WriteLine($"{played}; duplicates {node.Speaker.Counters.FramesDuplicate}, late {node.Speaker.Counters.FramesLate}, missed {node.Speaker.Counters.SlotsMissed}");
        played.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = frames, Concealed = 0, Fec = 0, Late = 0, Epoch = epoch, IntendedMicros = start, StartErrorMicros = 0L, TrueStartErrorMicros = 0L });
        node.Speaker.Counters.Should().BeEquivalentTo(new
        {
            OrdersAccepted = 1, OrdersIgnored = 1, FramesWrongEpoch = 0, FramesDuplicate = duplicates, FramesForeign = 0, FramesLate = 0, SlotsMissed = 0, StreamsStarted = 1,
        }, "the cache's own play order repeats the live one; the cached frames of slots the live stream had filled are duplicates");
        node.Speaker.Output(p.AiringId).Should().HaveCount(frames * 960);
        node.EventsSent.Should().Equal("playback.started", "playback.finished");

        // The hub's records.
        var (outcome, _, broadcastId) = p.Outcome();
        outcome.Should().Be("aired");
        var broadcast = p.Hub.Service.Get(broadcastId!)!;
        broadcast.Should().BeEquivalentTo(new { StreamId = p.AiringId, Operator = "schedule", Source = "schedule", Class = "normal", Policy = "resume", Status = BroadcastStatus.Finished });
        var delivery = p.Hub.Service.GetDeliveryReport(broadcastId!).Nodes.Single();
        delivery.Should().BeEquivalentTo(new { Outcome = "finished", FramesPlayed = (long)frames, FramesConcealed = 0L, FramesLate = 0L, StartErrorUs = 0L });
    }

    /// <summary>
    /// An emergency 2.5 s after airtime: the programme is cut at the content position its speakers
    /// had reached (whole frames since its first play-out, which the hub pinned to airtime minus the
    /// pre-skip), and resumed there after the alarm, or skipped, per its policy.
    /// </summary>
    [Theory]
    [InlineData("resume")]
    [InlineData("skip")]
    public async Task An_emergency_preempts_the_programme_at_a_known_offset_which_then_follows_its_policy(string policy)
    {
        var clock = new DrivenClock();
        await using var p = await DrivenProgramme.StartAsync(clock, TimeSpan.FromMinutes(2), policy);
        using var node = p.AddNode(TimeSpan.FromSeconds(-2));
        await p.PublishCacheOrdersAsync();
        await p.FireTriggerAsync();
        await p.StartAiringAsync();
        var cutAt = p.AirtimeMicros + 2_500_000;
        await p.Hub.RunUntilAsync(cutAt);

        var alarm = await p.Hub.Service.PlayAsync(new BroadcastRequest(ProgrammeCommune.Alarm, BulletinClass.Emergency, [DrivenProgramme.Zone], "truong-khoi", "test"));
        await p.Hub.RunUntilIdleAsync(TimeSpan.FromSeconds(60));

        var frames = p.FramesOf(ProgrammeCommune.Chime) + p.FramesOf(ProgrammeCommune.Bulletin);
        var start = p.AirtimeMicros - p.PreSkipMicrosOf(ProgrammeCommune.Chime);
        var reached = TimeSpan.FromMilliseconds(20 * ((cutAt - start) / 20_000));
        var alarmEnd = cutAt + 400_000 + (p.FramesOf(ProgrammeCommune.Alarm) * 20_000L) + 100_000;
        var (outcome, reason, broadcastId) = p.Outcome();
        var decisions = p.Hub.Service.Decisions(broadcastId!).Where(d => d.Zone == DrivenProgramme.Zone).ToList();
        output.WriteLine(string.Join(Environment.NewLine, decisions.Select(d => $"{d.Kind} at {HubClock.ToMicros(d.At) - p.AirtimeMicros} µs from airtime, offset {d.Offset}")));
        var cut = decisions.Single(d => d.Kind == DecisionKind.Preempted);
        cut.Offset.Should().Be(reached, "the speakers had played {0} whole frames since the pinned first play-out", (cutAt - start) / 20_000);
        HubClock.ToMicros(cut.At).Should().Be(cutAt);
        cut.By.Should().Be(alarm.BroadcastId);
        node.Speaker.Finished(p.AiringId).Reason.Should().Be(PlaybackEndReason.Stop, "the hub's stop order for the programme goes out before the alarm's play order");
        node.Speaker.Finished(alarm.StreamId!).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = p.FramesOf(ProgrammeCommune.Alarm), Concealed = 0, Late = 0, StartErrorMicros = 0L });
        if (policy == "resume")
        {
            decisions.Select(d => d.Kind).Should().Equal(DecisionKind.Aired, DecisionKind.Preempted, DecisionKind.Resumed, DecisionKind.Finished);
            var resumed = decisions[2];
            resumed.Offset.Should().Be(cut.Offset, "it resumes where it was cut");
            HubClock.ToMicros(resumed.At).Should().Be(alarmEnd, "as soon as the alarm's stream ends");
            var rest = frames - (int)(reached.Ticks / TimeSpan.FromMilliseconds(20).Ticks);
            var second = p.Hub.Air.Published.Select(m => m.Parsed).Where(t => t.Kind == Protocol.TopicKind.Stream && t.Subject != p.AiringId && t.Subject != alarm.StreamId).Select(t => t.Subject!).Distinct().Single();
            p.Hub.Air.StreamMessages(second).Sum(m => Parse(m.Payload).FrameCount).Should().Be(rest, "the resumed stream carries the content from the cut on");
            node.Speaker.Finished(second).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = rest, Concealed = 0, Late = 0, StartErrorMicros = 0L });
            outcome.Should().Be("aired");
            reason.Should().Contain("resumed");
        }
        else
        {
            decisions.Select(d => d.Kind).Should().Equal(DecisionKind.Aired, DecisionKind.Preempted, DecisionKind.Skipped);
            decisions[2].Offset.Should().Be(cut.Offset);
            p.Hub.Air.Published.Select(m => m.Parsed).Where(t => t.Kind == Protocol.TopicKind.Stream).Select(t => t.Subject).Distinct()
                .Should().BeEquivalentTo([p.AiringId, alarm.StreamId], "a skipped programme does not come back");
            outcome.Should().Be("preempted");
            reason.Should().Contain("preempted by");
        }
    }

    private static AudioFrameMessage Parse(byte[] payload)
    {
        AudioFrameMessage.TryParse(payload, out var m, out var error).Should().BeTrue(error);
        return m!;
    }
}
