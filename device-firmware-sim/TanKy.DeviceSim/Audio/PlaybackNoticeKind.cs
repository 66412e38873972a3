namespace TanKy.DeviceSim.Audio;

/// <summary>The playback moments a speaker reports as <c>playback.*</c> events.</summary>
public enum PlaybackNoticeKind
{
    Started,
    Preempted,
    Finished,
}
