namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// Books a <see cref="StandInBroadcast"/>'s messages on a <see cref="DrivenClock"/> exactly as
/// <see cref="StandInBroadcast.RunAsync"/> paces them on the real clock: each a lead before its
/// play-out time, a late one after, the source going silent after <c>StopAfterMessages</c>.
/// </summary>
internal static class DrivenAir
{
    /// <summary>Books every message for <paramref name="speakers"/>; returns the hub time the last one goes out.</summary>
    public static long Book(DrivenClock clock, StandInBroadcast broadcast, params DrivenSpeaker[] speakers) =>
        Book(clock, broadcast, broadcast.Stream, speakers);

    /// <summary>As <see cref="Book(DrivenClock, StandInBroadcast, DrivenSpeaker[])"/>, published on <paramref name="topicStream"/>.</summary>
    public static long Book(DrivenClock clock, StandInBroadcast broadcast, string topicStream, params DrivenSpeaker[] speakers)
    {
        var count = broadcast.StopAfterMessages is { } n ? Math.Min(n, broadcast.MessageCount) : broadcast.MessageCount;
        var last = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            var index = i;
            var sendAt = index == broadcast.LateMessage
                ? broadcast.PlayoutOfMessage(index) + (long)broadcast.LateBy.TotalMicroseconds
                : broadcast.PlayoutOfMessage(index) - (long)broadcast.Lead.TotalMicroseconds;
            var message = broadcast.Message(index);
            clock.At(sendAt, () =>
            {
                foreach (var speaker in speakers)
                {
                    speaker.Frames(topicStream, message);
                }
            });
            last = Math.Max(last, sendAt);
        }

        return last;
    }

    /// <summary>Hub time at which <paramref name="broadcast"/>'s last frame has finished playing.</summary>
    public static long EndOf(StandInBroadcast broadcast) => broadcast.StartMicros + (broadcast.Packets.Count * broadcast.FrameMicros);
}
