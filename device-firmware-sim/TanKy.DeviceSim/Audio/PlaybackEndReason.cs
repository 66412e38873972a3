namespace TanKy.DeviceSim.Audio;

/// <summary>Why a stream was released (protocol.md §8.2.6); the wire name is <c>reason</c> of <c>playback.finished</c>.</summary>
public enum PlaybackEndReason
{
    /// <summary>Played the frames of the message flagged end-of-stream.</summary>
    End,

    /// <summary>A <c>stop</c> play order.</summary>
    Stop,

    /// <summary>No frame arrived for 1 s.</summary>
    Timeout,

    /// <summary>Cut off by a stream of higher class (or a later emergency).</summary>
    Preempted,
}
