namespace TanKy.Hub.Broadcasts.Delivery;

/// <summary>
/// The one meaning of "played" (đã phát) for a speaker, used by the delivery report ("phát trên
/// 47/48") and by the indicator report (emergency delivery, airtime per hamlet), so the two can
/// never disagree again (issue #17: an emergency cut after 0.2 s read "played on 2/2" in one and
/// 0/2 in the other). A speaker played a stream when it reported sound: a <c>playback.started</c>
/// (its first frame reached the loudspeaker) or a <c>played</c> frame count above zero in the
/// event that ended it. A node told to stop before its first play-out time says
/// <c>playback.finished</c> with reason <c>stop</c> and 0 frames: it was reached, but nobody heard it.
/// </summary>
public static class PlaybackHeard
{
    /// <summary>The default audio frame (960 samples at 48 kHz, protocol.md): 20 ms.</summary>
    public const long FrameMs = 20;

    public static bool Played(long? startedAtMs, long? framesPlayed) => startedAtMs is not null || framesPlayed > 0;

    /// <summary>
    /// The stretch [start, end) in Unix ms during which the speaker played, from its own events:
    /// from <c>playback.started</c> to the event that ended it (finished, preempted, stopped). Still
    /// playing: up to the stream's end, or <paramref name="nowMs"/> while the stream is on the air.
    /// Null when it did not play.
    /// </summary>
    public static (long Start, long End)? Interval(long? startedAtMs, long? finishedAtMs, long? framesPlayed, long? streamEndedAtMs, long nowMs)
    {
        if (!Played(startedAtMs, framesPlayed))
        {
            return null;
        }

        var end = finishedAtMs ?? streamEndedAtMs ?? nowMs;

        // A lost playback.started (QoS 1, but a node may reboot) still has its frame count.
        var start = startedAtMs ?? (end - ((framesPlayed ?? 0) * FrameMs));
        return end > start ? (start, end) : (start, start);
    }
}
