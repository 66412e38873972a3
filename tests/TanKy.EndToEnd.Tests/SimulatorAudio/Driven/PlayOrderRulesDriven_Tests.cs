using TanKy.DeviceSim.Audio;

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
}
