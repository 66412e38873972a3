using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// Lost and late frames on a driven clock (protocol.md §8.1.3 rule 8, §8.2.5 rules 3–4): which
/// slots a speaker fills from its own packet, from the next packet's in-band FEC or by
/// concealment, with exact counts (the end-to-end twin is <see cref="LossAndLateness_Tests"/>).
/// </summary>
public sealed class LossAndLatenessDriven_Tests
{
    [Fact]
    public void Lost_frames_are_recovered_from_the_next_packet_or_concealed_on_every_node_whatever_its_clock()
    {
        // Every 10th frame (3, 13 … 143: the next one arrives, so FEC); 57 and 58 in a row (57 has no
        // next packet: concealed; 58 has 59: FEC); 89, the last frame of message 17 (FEC from 90, the
        // first of message 18); 149, the stream's last frame (nothing after it: concealed).
        static bool Lost(long seq) => seq % 10 == 3 || seq is 57 or 58 or 89 or 149;
        const int lost = 15 + 2 + 1 + 1;
        const int fec = 15 + 1 + 1;
        const int concealed = 2;

        var clock = new DrivenClock();
        TimeSpan[] offsets = [TimeSpan.FromSeconds(-4), TimeSpan.FromSeconds(-1), TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
        var nodes = offsets.Select((o, i) => new DrivenSpeaker(clock, $"loa-{i:d2}", o, loseFrame: Lost)).ToArray();
        var broadcast = new StandInBroadcast { Stream = "b-10ad0000000000a1", Epoch = 7, StartMicros = clock.NowMicros + 700_000 };
        foreach (var node in nodes)
        {
            node.Order(broadcast.Stream, broadcast.Epoch, start: broadcast.StartMicros);
        }

        DrivenAir.Book(clock, broadcast, nodes);
        clock.RunUntil(DrivenAir.EndOf(broadcast) + 50_000);

        var frames = broadcast.Packets.Count;
        Enumerable.Range(0, frames).Count(i => Lost(i)).Should().Be(lost);
        foreach (var node in nodes)
        {
            var s = node.Finished(broadcast.Stream);
            s.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = frames - lost, Fec = fec, Concealed = concealed, Late = 0 }, node.Id);
            s.IntendedMicros.Should().Be(broadcast.StartMicros);
            s.TrueStartErrorMicros.Should().Be(0);
            node.Counters.FramesLossInjected.Should().Be(lost);
            (node.Counters.FramesFec, node.Counters.FramesConcealed, node.Counters.FramesLate, node.Counters.SlotsMissed).Should().Be((fec, concealed, 0, 0));
            node.Output(broadcast.Stream)!.Length.Should().Be(frames * TestProgramme.FrameSamples, "every slot filled, to the end");
            node.Dispose();
        }
    }

    [Fact]
    public void A_node_that_stalls_past_its_first_slots_skips_to_the_current_slot_and_never_plays_late()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(-1700));
        var broadcast = new StandInBroadcast { Stream = "b-57a1100000000005", Epoch = 9, StartMicros = clock.NowMicros + 700_000 };
        node.Order(broadcast.Stream, broadcast.Epoch, start: broadcast.StartMicros);
        DrivenAir.Book(clock, broadcast, node);
        clock.RunUntil(broadcast.StartMicros - 1);

        // A CPU stall of 50 ms just before the first slot: the node's wake for slot 0 runs 49.999 ms
        // late, in slot 2 (§8.2.5 step 6). Then another in the middle, over slots 50 and 51.
        clock.Time.Advance(TimeSpan.FromMilliseconds(50));
        clock.RunUntil(broadcast.StartMicros + 1_000_000 - 1);
        clock.Time.Advance(TimeSpan.FromMilliseconds(50));
        clock.RunUntil(DrivenAir.EndOf(broadcast) + 50_000);

        var s = node.Finished(broadcast.Stream);
        s.IntendedMicros.Should().Be(broadcast.StartMicros + (2 * broadcast.FrameMicros), "it starts with the frame whose slot is current");
        s.TrueStartErrorMicros.Should().Be(9_999, "into slot 2 by the stall's share of it, under one frame");
        s.StartErrorMicros.Should().Be(9_999);

        // Skipped before the start: late only. Missed after it: late, and the slot went by silent (concealed).
        s.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = 146, Concealed = 2, Fec = 0, Late = 4 });
        node.Counters.SlotsMissed.Should().Be(4);
        var output = node.Output(broadcast.Stream)!;
        output.Length.Should().Be(150 * TestProgramme.FrameSamples, "every frame at its own position");
        output[..(2 * TestProgramme.FrameSamples)].Should().OnlyContain(x => x == 0, "slots 0 and 1 were never played late");
        output[(50 * TestProgramme.FrameSamples)..(52 * TestProgramme.FrameSamples)].Should().OnlyContain(x => x == 0, "nor were 50 and 51");
    }

    [Fact]
    public void A_message_sent_after_its_playout_time_is_dropped_as_late_and_its_slots_are_filled()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(-2500));
        var broadcast = new StandInBroadcast
        {
            Stream = "b-1a7e000000000002",
            Epoch = 8,
            StartMicros = clock.NowMicros + 700_000,
            LateMessage = 10,
            LateBy = TimeSpan.FromMilliseconds(50),
        };
        node.Order(broadcast.Stream, broadcast.Epoch, start: broadcast.StartMicros);
        DrivenAir.Book(clock, broadcast, node);
        clock.RunUntil(DrivenAir.EndOf(broadcast) + 50_000);

        // Frames 50–54 come 50 ms after frame 50's play-out. Slots 50–54 were decided 100 ms before
        // it, when the node decoded that batch ahead: 50–53 concealed (their next packets are the
        // missing ones), 54 recovered from 55's FEC. The late frames are dropped, never played.
        node.Finished(broadcast.Stream).Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = 145, Concealed = 4, Fec = 1, Late = 5 });
        (node.Counters.FramesLate, node.Counters.SlotsMissed).Should().Be((5, 0));
        node.Output(broadcast.Stream)!.Length.Should().Be(150 * TestProgramme.FrameSamples);
    }
}
