using TanKy.DeviceSim.Audio;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// The conformance kit's §8.1.3 stream (a duplicate, a late message, a gap) played by the
/// simulated speaker on a driven clock, with the node stalling (its wakes and the frames it
/// receives held up) at every point of the stream for several lengths. Whatever the stall, the
/// drop rule holds and the counts stay consistent (protocol.md §4.6, §8.1.3, §8.2.5 step 6): the
/// duplicate and late frames never play, each late frame is counted once, every slot from the
/// first played frame is counted once. This found a counting bug in the simulator: a slot a
/// stall missed was counted late even when it had no frame (the frame came late and was counted
/// then, or never came), so `late` exceeded the frames sent (64 of 50).
/// </summary>
public sealed class ConformanceLateDriven_Tests
{
    [Fact]
    public void Without_a_stall_the_counts_are_exact()
    {
        var (s, b) = Play(stallAtMs: null, stallMs: 0);
        // Slots 10–24 have no frame of their own: 10–23 concealed, 24 recovered from frame 25's FEC.
        s.Should().BeEquivalentTo(new { Reason = PlaybackEndReason.End, Played = 35, Late = 5, Fec = 1, Concealed = 14 });
        s.IntendedMicros.Should().Be(b.StartMicros);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(700)]
    public void A_stall_anywhere_changes_the_counts_but_never_the_drop_rule(int stallMs)
    {
        for (var atMs = -500; atMs <= 1100; atMs += 10)
        {
            var (s, b) = Play(atMs, stallMs);
            var because = $"a {stallMs} ms stall at {atMs} ms: {s.Played} played, {s.Concealed} concealed, {s.Fec} fec, {s.Late} late";
            s.Reason.Should().Be(PlaybackEndReason.End, because);
            s.HasStarted.Should().BeTrue(because);
            var skipped = (s.IntendedMicros!.Value - b.StartMicros) / b.FrameMicros;
            ((s.IntendedMicros.Value - b.StartMicros) % b.FrameMicros).Should().Be(0, because);
            s.Played.Should().BeLessThanOrEqualTo(35, "the duplicate and the late frames never play; " + because);
            s.Late.Should().BeGreaterThanOrEqualTo(5, because);
            // 45 frames are sent (40 distinct and the duplicate message); a duplicate whose slot the
            // node already decided is dropped as late, so each of the 45 is played or late at most once.
            s.Late.Should().BeLessThanOrEqualTo(45 - s.Played, "no frame is counted twice; " + because);
            (s.Played + s.Concealed + s.Fec).Should().BeGreaterThanOrEqualTo(50 - (int)skipped, "every slot from the first played frame is counted; " + because);
        }
    }

    /// <summary>The kit's stream: messages 0, 1, 1 at once; 2 sent 20 ms after frame 15's slot, then 5–9; the node stalls for <paramref name="stallMs"/> at <paramref name="stallAtMs"/> from the start.</summary>
    private static (PlaybackStats Stats, StandInBroadcast Broadcast) Play(int? stallAtMs, int stallMs)
    {
        var clock = new DrivenClock();
        using var node = new DrivenSpeaker(clock, offset: TimeSpan.FromMilliseconds(300));
        var b = new StandInBroadcast { Stream = "b-c0f0000000000813", Epoch = 3, StartMicros = clock.NowMicros + 500_000, Packets = TestProgramme.Voice.Packets.Take(50).ToList() };
        node.Order(b.Stream, b.Epoch, start: b.StartMicros);
        node.Frames(b.Stream, b.Message(0));
        node.Frames(b.Stream, b.Message(1));
        node.Frames(b.Stream, b.Message(1));
        clock.At(b.PlayoutOfMessage(3) + 20_000, () =>
        {
            node.Frames(b.Stream, b.Message(2));
            for (var i = 5; i < 10; i++)
            {
                node.Frames(b.Stream, b.Message(i));
            }
        });
        if (stallAtMs is { } at)
        {
            clock.RunUntil(b.StartMicros + (at * 1000L));
            clock.Time.Advance(TimeSpan.FromMilliseconds(stallMs));
        }

        clock.RunUntil(b.StartMicros + 3_000_000);
        return (node.Finished(b.Stream), b);
    }
}
