namespace TanKy.DeviceSim.Audio;

/// <summary>The playback moments a speaker reports as <c>playback.*</c> events.</summary>
internal enum PlaybackNoticeKind
{
    Started,
    Preempted,
    Finished,
}
