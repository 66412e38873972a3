namespace TanKy.DeviceSim.Audio;

/// <summary>The playback moments a speaker reports as <c>playback.*</c> events.</summary>
internal enum PlaybackNoticeKind
{
    Started,
    Preempted,
    Finished,

    /// <summary>A play order the node does not follow (protocol.md §4.8): a codec it cannot decode, or an equal class holds the speaker.</summary>
    Refused,
}
