using TanKy.DeviceSim.Audio;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// protocol.md §4.8 and §8.1.3–8.1.4 on a driven clock: which orders and frames a speaker
/// refuses, how streams end, with exact counts (the end-to-end twin over a real broker is
/// <see cref="PlayOrderRules_Tests"/>).
/// </summary>
public sealed class PlayOrderRulesDriven_Tests
{
    private static StandInBroadcast Broadcast(DrivenClock clock, string stream, uint epoch, TimeSpan? startIn = null) => new()
    {
        Stream = stream,
        Epoch = epoch,
        StartMicros = clock.NowMicros + (long)(startIn ?? TimeSpan.FromMilliseconds(700)).TotalMicroseconds,
        Packets = TestProgramme.Voice.Packets,
    };

    [Fact]
    public void Lower_epoch_unknown_streams_replays_and_wrong_epoch_frames_are_ignored()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(3));
        var first = Broadcast(clock, "b-aaaa000000000001", 200);
        node.Order(first.Stream, first.Epoch, start: first.StartMicros);
        DrivenAir.Book(clock, first, node);
        clock.RunUntil(DrivenAir.EndOf(first) + 50_000);
        var firstPlayed = node.Finished(first.Stream);

        // A replayed order of an older epoch and its frames; frames nobody ordered; a replay of the finished broadcast.
        var older = Broadcast(clock, "b-bbbb000000000002", 150);
        node.Order(older.Stream, older.Epoch, start: older.StartMicros);
        DrivenAir.Book(clock, older, node);
        var unknown = Broadcast(clock, "b-cccc000000000003", 250);
        node.Frames(unknown.Stream, unknown.Message(0));
        node.Frames(first.Stream, (first with { StartMicros = clock.NowMicros + 500_000 }).Message(0));
        clock.RunUntil(DrivenAir.EndOf(older) + 50_000);

        // A good stream with wrong-epoch copies of its own frames, and a duplicate of its last message.
        var good = Broadcast(clock, "b-dddd000000000004", 300);
        node.Order(good.Stream, good.Epoch, start: good.StartMicros);
        node.Frames(good.Stream, (good with { Epoch = 299 }).Message(0));
        var lastSent = DrivenAir.Book(clock, good, node);
        clock.At(lastSent, () => node.Frames(good.Stream, good.Message(good.MessageCount - 1)));
        clock.RunUntil(DrivenAir.EndOf(good) + 50_000);

        firstPlayed.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = first.Packets.Count, Concealed = 0, Fec = 0, Late = 0 });
        var played = node.Finished(good.Stream);
        played.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = good.Packets.Count, Concealed = 0, Fec = 0, Late = 0 });
        played.IntendedMicros.Should().Be(good.StartMicros);
        played.StartErrorMicros.Should().Be(0, "the driven clock wakes the player exactly at the slot");
        played.TrueStartErrorMicros.Should().Be(0);
        node.Notices.Should().NotContain(n => n.Stats.StreamId == older.Stream || n.Stats.StreamId == unknown.Stream);
        node.Counters.OrdersIgnored.Should().Be(1, "an order with a lower epoch than the last played is a replay");
        node.Counters.FramesForeign.Should().Be(older.Packets.Count + 10, "the old-epoch broadcast, the unknown stream and the replay");
        node.Counters.FramesWrongEpoch.Should().Be(5);
        node.Counters.FramesDuplicate.Should().Be(5);
        node.Counters.FramesLate.Should().Be(0);
        node.Notices.Count(n => n.Kind == PlaybackNoticeKind.Started).Should().Be(2);
    }

    [Fact]
    public void Emergency_preempts_normal_an_equal_normal_is_ignored_and_the_latest_emergency_wins()
    {
        var clock = new DrivenClock();
        var t0 = clock.NowMicros;
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(-5));
        var normal = Broadcast(clock, "b-0000000000000a01", 10);
        node.Order(normal.Stream, normal.Epoch, "normal", normal.StartMicros);
        DrivenAir.Book(clock, normal, node);

        // 350 ms into the normal stream (slots 0–19 handed over at 700, 800, 900 and 1000 ms): an equal
        // normal order, then an emergency starting 500 ms later.
        var first = normal with { Stream = "b-00000000000000e1", Epoch = 12, StartMicros = t0 + 1_550_000 };
        clock.At(t0 + 1_050_000, () =>
        {
            node.Order("b-0000000000000a02", 11, "normal", t0 + 1_550_000);
            node.Order(first.Stream, first.Epoch, "emergency", first.StartMicros);
        });
        DrivenAir.Book(clock, first, node);

        // 250 ms into the first emergency (slots 0–14 handed over): a later emergency wins.
        var latest = normal with { Stream = "b-00000000000000e2", Epoch = 13, StartMicros = t0 + 2_300_000 };
        clock.At(t0 + 1_800_000, () => node.Order(latest.Stream, latest.Epoch, "emergency", latest.StartMicros));
        DrivenAir.Book(clock, latest, node);
        clock.RunUntil(DrivenAir.EndOf(latest) + 50_000);

        node.Finished(normal.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Preempted, Played = 20, Concealed = 0, Fec = 0, Late = 0 });
        node.Finished(first.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Preempted, Played = 15, Concealed = 0, Fec = 0, Late = 0 });
        var won = node.Finished(latest.Stream);
        won.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = latest.Packets.Count, Concealed = 0, Fec = 0, Late = 0 });
        won.IntendedMicros.Should().Be(latest.StartMicros);
        won.TrueStartErrorMicros.Should().Be(0);
        node.Notices.Select(n => (n.Kind, n.Stats.StreamId, n.By)).Should().Equal(
            (PlaybackNoticeKind.Started, normal.Stream, null),
            (PlaybackNoticeKind.Refused, "b-0000000000000a02", null),
            (PlaybackNoticeKind.Preempted, normal.Stream, first.Stream),
            (PlaybackNoticeKind.Finished, normal.Stream, null),
            (PlaybackNoticeKind.Started, first.Stream, null),
            (PlaybackNoticeKind.Preempted, first.Stream, latest.Stream),
            (PlaybackNoticeKind.Finished, first.Stream, null),
            (PlaybackNoticeKind.Started, latest.Stream, null),
            (PlaybackNoticeKind.Finished, latest.Stream, null));
        node.Counters.OrdersIgnored.Should().Be(1, "equal class: the stream already playing keeps the speaker");
        node.Last(PlaybackNoticeKind.Refused, "b-0000000000000a02")!.Should().Match<PlaybackNotice>(n => n.Refusal == "class" && n.Codec == null, "§4.8: it says why it stays silent");
        node.Counters.OrdersAccepted.Should().Be(3);
        node.Counters.StreamsPreempted.Should().Be(2);

        // The cut streams' frames still on the air: normal's messages sent after 1050 ms (8–29), the
        // first emergency's after 1800 ms (7–29).
        node.Counters.FramesForeign.Should().Be((22 + 23) * 5);
        (node.Counters.FramesLate, node.Counters.FramesDuplicate, node.Counters.SlotsMissed).Should().Be((0, 0, 0));
    }

    [Fact]
    public void A_stream_without_frames_for_1_s_is_released_1_s_after_its_last_frames_play_out_and_an_order_without_frames_1_s_after_its_start()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(1234));
        var stalled = Broadcast(clock, "b-57a11ed000000001", 40) with { StopAfterMessages = 5 };
        node.Order(stalled.Stream, stalled.Epoch, start: stalled.StartMicros);
        DrivenAir.Book(clock, stalled, node);

        // §8.2.6: the last message (frames 20–24) arrived 400 ms before it played, so the second of
        // silence counts from the end of frame 24, not from its arrival.
        var playedOut = stalled.PlayoutOfMessage(5);
        clock.RunUntil(playedOut + 1_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, stalled.Stream).Should().BeNull("frame 24 played out less than 1 s ago");
        clock.RunUntil(playedOut + 1_000_000);
        var s = node.Finished(stalled.Stream);

        // A play order whose frames never come at all: released 1 s after its announced start.
        const string silent = "b-5110000000000002";
        var start = clock.NowMicros + 300_000;
        node.Order(silent, 41, start: start);
        clock.RunUntil(start + 1_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, silent).Should().BeNull();
        clock.RunUntil(start + 1_000_000);
        var never = node.Finished(silent);

        // Slots 25–74 (the second after frame 24) are concealed, one per wake, until the release.
        s.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 25, Concealed = 50, Fec = 0, Late = 0 });
        node.Output(stalled.Stream)!.Length.Should().Be(75 * TestProgramme.FrameSamples);
        never.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 0, Concealed = 0, HasStarted = false });
        node.Output(silent).Should().BeNull("nothing was ever played");
        node.Notices.Where(n => n.Stats.StreamId == silent).Select(n => n.Kind).Should().Equal(PlaybackNoticeKind.Finished);
    }

    [Fact]
    public void A_play_order_in_a_codec_the_speaker_cannot_decode_is_refused_with_that_codec_and_what_plays_goes_on()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(420));
        var playing = Broadcast(clock, "b-c0dec00000000001", 60);
        var aac = Broadcast(clock, "b-c0dec00000000002", 61, startIn: TimeSpan.FromMilliseconds(1500));
        node.Order(playing.Stream, playing.Epoch, start: playing.StartMicros);
        DrivenAir.Book(clock, playing, node);

        // An emergency would preempt, but this speaker cannot decode it (§4.8): it must not play it.
        clock.At(aac.StartMicros - 500_000, () => node.Order(aac.Stream, aac.Epoch, "emergency", aac.StartMicros, codec: "aac"));
        DrivenAir.Book(clock, aac, node);
        clock.RunUntil(DrivenAir.EndOf(aac) + 50_000);

        var refused = node.Last(PlaybackNoticeKind.Refused, aac.Stream) ?? throw new Xunit.Sdk.XunitException("§4.8: a node that cannot decode the codec says so");
        (refused.Refusal, refused.Codec).Should().Be(("codec", "aac"));
        node.Notices.Where(n => n.Stats.StreamId == aac.Stream).Select(n => n.Kind).Should().Equal(PlaybackNoticeKind.Refused);
        node.Finished(playing.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = playing.Packets.Count, Concealed = 0, Fec = 0, Late = 0 });
        node.Counters.FramesForeign.Should().Be(aac.Packets.Count, "frames of a refused stream have no play order");
        node.Counters.StreamsPreempted.Should().Be(0);

        // As the node publishes it (§4.6): valid, the documented shape.
        var json = ProtocolJson.Serialize(PlaybackEvents.For(refused, 1767225601020));
        PayloadValidator.Validate("tan-ky", "tanky/v1/tan-ky/dev/loa-driven/event", json).IsValid.Should().BeTrue();
        System.Text.Encoding.UTF8.GetString(json).Should().Be(
            """{"v":1,"type":"playback.refused","ts":1767225601020,"stream":"b-c0dec00000000002","data":{"reason":"codec","codec":"aac"}}""");
    }

    [Fact]
    public void A_play_order_whose_frames_never_come_is_released_1_s_after_its_receipt_when_its_start_is_absent_or_past()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(-900));
        const string noStart = "b-5110000000000003";
        var received = clock.NowMicros;
        node.Order(noStart, 70);
        clock.RunUntil(received + 1_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, noStart).Should().BeNull();
        clock.RunUntil(received + 1_000_000);
        var never = node.Finished(noStart);

        // §8.2.6: the later of the receipt and the start — a start already past counts from the receipt.
        const string pastStart = "b-5110000000000004";
        received = clock.NowMicros;
        node.Order(pastStart, 71, start: received - 5_000_000);
        clock.RunUntil(received + 1_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, pastStart).Should().BeNull();
        clock.RunUntil(received + 1_000_000);
        node.Finished(pastStart).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 0, Concealed = 0, Late = 0, HasStarted = false });

        never.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 0, Concealed = 0, Fec = 0, Late = 0, HasStarted = false });
        node.Notices.Select(n => n.Kind).Should().Equal(PlaybackNoticeKind.Finished, PlaybackNoticeKind.Finished);
        var data = PlaybackEvents.For(node.Last(PlaybackNoticeKind.Finished, noStart)!, 0).Data!;
        data.ToJsonString().Should().Be("""{"played":0,"concealed":0,"late":0,"fec":0,"reason":"timeout"}""", "zero counts and no error_us (§8.2.6)");
    }

    [Fact]
    public void A_stale_message_of_the_stream_does_not_bring_its_release_forward()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(-310));
        var stalled = Broadcast(clock, "b-57a11ed000000003", 42) with { StopAfterMessages = 5 };
        node.Order(stalled.Stream, stalled.Epoch, start: stalled.StartMicros);
        DrivenAir.Book(clock, stalled, node);

        // Message 0 again 100 ms after the start (a replay, or a retransmission): its frames are past
        // their slots. The last frames received still play out at 500 ms; the release stays 1 s after.
        clock.At(stalled.StartMicros + 100_000, () => node.Frames(stalled.Stream, stalled.Message(0)));
        var playedOut = stalled.PlayoutOfMessage(5);
        clock.RunUntil(playedOut + 1_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, stalled.Stream).Should().BeNull();
        clock.RunUntil(playedOut + 1_000_000);

        node.Finished(stalled.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 25, Concealed = 50, Fec = 0, Late = 5 });
    }

    [Fact]
    public void A_stop_order_ends_the_stream_at_once()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(-777));
        var broadcast = Broadcast(clock, "b-5709000000000001", 50);
        node.Order(broadcast.Stream, broadcast.Epoch, start: broadcast.StartMicros);
        DrivenAir.Book(clock, broadcast, node);

        // 1030 ms after the start: eleven batches (slots 0–54) have been handed to the output.
        var stopAt = broadcast.StartMicros + 1_030_000;
        PlaybackStats? atStop = null;
        clock.At(stopAt, () =>
        {
            node.Stop(broadcast.Stream);
            atStop = node.Last(PlaybackNoticeKind.Finished, broadcast.Stream)?.Stats;
        });
        clock.RunUntil(DrivenAir.EndOf(broadcast) + 50_000);

        atStop.Should().NotBeNull("the stop is handled as it arrives, not at the next wake");
        atStop!.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Stop, Played = 55, Concealed = 0, Fec = 0, Late = 0 });
        node.Output(broadcast.Stream)!.Length.Should().Be(55 * TestProgramme.FrameSamples);
        node.Counters.FramesPlayed.Should().Be(55, "nothing plays after the stop");

        // The messages still sent after the stop (15–29: sent from 1100 ms) belong to no active stream.
        node.Counters.FramesForeign.Should().Be(15 * 5);
        node.Notices.Select(n => n.Kind).Should().Equal(PlaybackNoticeKind.Started, PlaybackNoticeKind.Finished);
    }
}
