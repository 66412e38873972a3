using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// The node's own link going down (a 4G flap, protocol.md §8.2.6): the stream is held, its slots
/// concealed, for up to 10 s instead of released after 1 s, and the idle second counts again from
/// the reconnection. Exact release times and counts on a driven clock (the end-to-end test of the
/// events queued through such a cut is <see cref="EventQueue_Tests"/>).
/// </summary>
public sealed class LinkLossDriven_Tests
{
    private const long Ms = 1_000;

    private static StandInBroadcast Broadcast(DrivenClock clock) =>
        new() { Stream = "b-c0700000000000a1", Epoch = 60, StartMicros = clock.NowMicros + (700 * Ms) };

    /// <summary>Books the broadcast's messages; one sent while <paramref name="linkUp"/> is false never reaches the node.</summary>
    private static void BookOverLink(DrivenClock clock, StandInBroadcast broadcast, DrivenSpeaker node, Func<bool> linkUp)
    {
        for (var i = 0; i < broadcast.MessageCount; i++)
        {
            var message = broadcast.Message(i);
            clock.At(broadcast.PlayoutOfMessage(i) - (long)broadcast.Lead.TotalMicroseconds, () =>
            {
                if (linkUp())
                {
                    node.Frames(broadcast.Stream, message);
                }
            });
        }
    }

    [Fact]
    public void A_node_whose_link_is_down_holds_the_stream_10_s_concealing_then_releases_it()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(-2));
        var broadcast = Broadcast(clock);
        var s = broadcast.StartMicros;
        var up = true;
        node.Order(broadcast.Stream, broadcast.Epoch, start: s);
        BookOverLink(clock, broadcast, node, () => up);

        // Down at 1030 ms: messages 0–14 (frames 0–74, sent up to 1000 ms) got through.
        var down = s + (1030 * Ms);
        clock.At(down, () =>
        {
            up = false;
            node.Player.OnLinkDown();
        });
        clock.RunUntil(down + 10_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, broadcast.Stream).Should().BeNull("the link is down: silence says nothing about the source");
        clock.RunUntil(down + 10_000_000);

        // Slots 75 (1500 ms) to 551 (11 020 ms) concealed: the node cannot know the stream ended at 149.
        node.Finished(broadcast.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 75, Concealed = 477, Fec = 0, Late = 0 });
    }

    [Fact]
    public void A_message_handled_just_after_the_link_went_down_does_not_cut_the_hold_short()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(-2));
        var broadcast = Broadcast(clock);
        var s = broadcast.StartMicros;
        var up = true;
        node.Order(broadcast.Stream, broadcast.Epoch, start: s);

        // The node sees its link drop at 990 ms; message 14 (sent at 1000 ms), already read off the
        // socket, is handed to the player by the inbound worker after that. Then nothing.
        var down = s + (990 * Ms);
        clock.At(down, () => node.Player.OnLinkDown());
        BookOverLink(clock, broadcast, node, () => up);
        clock.At(s + (1000 * Ms) + 1, () => up = false);
        clock.RunUntil(down + 10_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, broadcast.Stream).Should().BeNull("the hold runs 10 s from the link loss, whatever arrives after it");
        clock.RunUntil(down + 10_000_000);

        // Slots 75 (1500 ms) to 549 (10 980 ms) concealed.
        node.Finished(broadcast.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 75, Concealed = 475, Fec = 0, Late = 0 });
    }

    [Fact]
    public void Frames_after_the_reconnection_continue_the_stream_at_their_own_slots()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(3));
        var broadcast = Broadcast(clock);
        var s = broadcast.StartMicros;
        var up = true;
        node.Order(broadcast.Stream, broadcast.Epoch, start: s);
        BookOverLink(clock, broadcast, node, () => up);

        // Down from 1030 to 2030 ms: messages 15–24 (frames 75–124) are lost, 25–29 arrive from 2100 ms.
        clock.At(s + (1030 * Ms), () =>
        {
            up = false;
            node.Player.OnLinkDown();
        });
        clock.At(s + (2030 * Ms), () =>
        {
            up = true;
            node.Player.OnLinkUp();
        });
        clock.RunUntil(DrivenAir.EndOf(broadcast) + (50 * Ms));

        // Slots 75–123 concealed, 124 recovered from frame 125's FEC, 125–149 played; the stream ends
        // with its end-of-stream message, at the play-out end of frame 149.
        var done = node.Finished(broadcast.Stream);
        done.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = 100, Concealed = 49, Fec = 1, Late = 0, TrueStartErrorMicros = 0L });
        node.Output(broadcast.Stream)!.Length.Should().Be(150 * TestProgramme.FrameSamples);
    }

    [Fact]
    public void A_source_that_went_quiet_during_the_outage_is_released_1_s_after_the_reconnection()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(-700));
        var broadcast = Broadcast(clock);
        var s = broadcast.StartMicros;
        var up = true;
        node.Order(broadcast.Stream, broadcast.Epoch, start: s);
        BookOverLink(clock, broadcast, node, () => up);

        // Down from 1030 ms to 4030 ms, past the broadcast's end (3000 ms): frames 75–149 never arrive.
        clock.At(s + (1030 * Ms), () =>
        {
            up = false;
            node.Player.OnLinkDown();
        });
        var back = s + (4030 * Ms);
        clock.At(back, () =>
        {
            up = true;
            node.Player.OnLinkUp();
        });
        clock.RunUntil(back + 1_000_000 - 1);
        node.Last(PlaybackNoticeKind.Finished, broadcast.Stream).Should().BeNull();
        clock.RunUntil(back + 1_000_000);

        // Slots 75 (1500 ms) to 251 (5020 ms) concealed.
        node.Finished(broadcast.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 75, Concealed = 177, Fec = 0, Late = 0 });
    }

    [Fact]
    public void A_stream_still_waiting_for_its_first_frame_counts_its_idle_second_from_the_reconnection_or_its_start()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(4));
        var t0 = clock.NowMicros;

        // Announced to start at 300 ms; the link drops at 100 ms and is back at 2 s; no frame ever comes.
        const string early = "b-5110000000000003";
        node.Order(early, 70, start: t0 + (300 * Ms));
        clock.At(t0 + (100 * Ms), node.Player.OnLinkDown);
        clock.At(t0 + (2000 * Ms), node.Player.OnLinkUp);
        clock.RunUntil(t0 + (3000 * Ms) - 1);
        node.Last(PlaybackNoticeKind.Finished, early).Should().BeNull();
        clock.RunUntil(t0 + (3000 * Ms));
        node.Finished(early).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.Timeout, Played = 0, HasStarted = false }, "released 1 s after the reconnection, not at the end of the 10 s hold");

        // Announced to start in 5 s; a flap of 400 ms long before that: still released 1 s after its start.
        const string later = "b-5110000000000004";
        var t1 = clock.NowMicros;
        node.Order(later, 71, start: t1 + (5000 * Ms));
        clock.At(t1 + (100 * Ms), node.Player.OnLinkDown);
        clock.At(t1 + (500 * Ms), node.Player.OnLinkUp);
        clock.RunUntil(t1 + (6000 * Ms) - 1);
        node.Last(PlaybackNoticeKind.Finished, later).Should().BeNull("a stream announced early is not timed out before its start");
        clock.RunUntil(t1 + (6000 * Ms));
        node.Finished(later).Reason.Should().Be(PlaybackEndReason.Timeout);
    }
}
