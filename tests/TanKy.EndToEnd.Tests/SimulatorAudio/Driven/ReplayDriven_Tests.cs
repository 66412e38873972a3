using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// Replay of old audio (security.md, threat "replay"; protocol.md §8.1.4) on a driven clock: the
/// captured messages of an earlier broadcast pushed during a live one, and the live stream's own
/// messages again, change nothing the speaker plays (the end-to-end twin is <see cref="Replay_Tests"/>).
/// </summary>
public sealed class ReplayDriven_Tests
{
    [Fact]
    public void Frames_replayed_from_an_earlier_broadcast_during_a_live_one_are_ignored()
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromSeconds(2));
        var earlier = new StandInBroadcast { Stream = "b-eeee000000000001", Epoch = 400, StartMicros = clock.NowMicros + 700_000 };
        node.Order(earlier.Stream, earlier.Epoch, start: earlier.StartMicros);
        DrivenAir.Book(clock, earlier, node);
        clock.RunUntil(DrivenAir.EndOf(earlier) + 50_000);
        var earlierPlayed = node.Finished(earlier.Stream);

        var live = earlier with { Stream = "b-ffff000000000002", Epoch = 401, StartMicros = clock.NowMicros + 1_000_000 };
        node.Order(live.Stream, live.Epoch, start: live.StartMicros);
        DrivenAir.Book(clock, live, node);

        // 50 ms after the live start (slots 0–4 handed over, 5–9 decoded ahead, messages 0–4 received):
        // every captured message on its own topic and on the live topic; the live message 0 again,
        // after its slot; the live message 4 again, before its slot.
        clock.At(live.StartMicros + 50_000, () =>
        {
            for (var i = 0; i < earlier.MessageCount; i++)
            {
                node.Frames(earlier.Stream, earlier.Message(i));
                node.Frames(live.Stream, earlier.Message(i));
            }

            node.Frames(live.Stream, live.Message(0));
            node.Frames(live.Stream, live.Message(4));
        });
        clock.RunUntil(DrivenAir.EndOf(live) + 50_000);

        earlierPlayed.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = 150, Concealed = 0, Fec = 0, Late = 0 });
        node.Finished(live.Stream).Should().BeEquivalentTo(
            new { Reason = PlaybackEndReason.End, Played = 150, Concealed = 0, Fec = 0, Late = 5, IntendedMicros = live.StartMicros, TrueStartErrorMicros = 0L },
            "every live frame plays once; the replayed message 0 is counted late");
        node.Counters.FramesForeign.Should().Be(2 * earlier.Packets.Count, "another stream's frames, whatever topic they come on");
        node.Counters.FramesLate.Should().Be(5, "live frames 0–4 again: their slots are past");
        node.Counters.FramesDuplicate.Should().Be(5, "live frames 20–24 again: already held");
        node.Counters.FramesPlayed.Should().Be(300, "both broadcasts once, nothing twice");
        node.Notices.Where(n => n.Stats.StreamId == earlier.Stream).Select(n => n.Kind)
            .Should().Equal([PlaybackNoticeKind.Started, PlaybackNoticeKind.Finished], "the earlier broadcast did not play again");
        node.Output(live.Stream)!.Length.Should().Be(150 * TestProgramme.FrameSamples);
    }
}
