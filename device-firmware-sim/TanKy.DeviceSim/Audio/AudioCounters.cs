namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Everything a speaker node counts over its life, for tests and benchmarks. Written by the
/// node's threads with Interlocked; read at any time.
/// </summary>
public sealed class AudioCounters
{
    private long _ordersAccepted;
    private long _ordersIgnored;
    private long _streamsStarted;
    private long _streamsFinished;
    private long _streamsPreempted;
    private long _framesPlayed;
    private long _framesConcealed;
    private long _framesFec;
    private long _framesLate;
    private long _slotsMissed;
    private long _framesDuplicate;
    private long _framesForeign;
    private long _framesWrongEpoch;
    private long _framesOutOfWindow;
    private long _framesLossInjected;
    private long _framesNoClock;
    private long _messagesMalformed;

    public long OrdersAccepted => Interlocked.Read(ref _ordersAccepted);

    /// <summary>Play orders not followed: codec not in caps, lower epoch, busy with an equal or higher class, repeats.</summary>
    public long OrdersIgnored => Interlocked.Read(ref _ordersIgnored);

    public long StreamsStarted => Interlocked.Read(ref _streamsStarted);

    public long StreamsFinished => Interlocked.Read(ref _streamsFinished);

    public long StreamsPreempted => Interlocked.Read(ref _streamsPreempted);

    public long FramesPlayed => Interlocked.Read(ref _framesPlayed);

    public long FramesConcealed => Interlocked.Read(ref _framesConcealed);

    public long FramesFec => Interlocked.Read(ref _framesFec);

    /// <summary>Frames that arrived after their play-out time and were dropped.</summary>
    public long FramesLate => Interlocked.Read(ref _framesLate);

    /// <summary>Decoded frames skipped because the node itself woke after their slot (a stall of the host).</summary>
    public long SlotsMissed => Interlocked.Read(ref _slotsMissed);

    /// <summary>Frames at or below the highest sequence already accepted (duplicates, replays).</summary>
    public long FramesDuplicate => Interlocked.Read(ref _framesDuplicate);

    /// <summary>Frames of a stream this node has no active play order for (unknown, released, replayed).</summary>
    public long FramesForeign => Interlocked.Read(ref _framesForeign);

    public long FramesWrongEpoch => Interlocked.Read(ref _framesWrongEpoch);

    /// <summary>Frames more than 10 s ahead of their play-out time.</summary>
    public long FramesOutOfWindow => Interlocked.Read(ref _framesOutOfWindow);

    /// <summary>Frames dropped by <see cref="Node.FaultOptions.AudioLossPercent"/>.</summary>
    public long FramesLossInjected => Interlocked.Read(ref _framesLossInjected);

    /// <summary>Frames dropped because the node had no clock sample at all yet.</summary>
    public long FramesNoClock => Interlocked.Read(ref _framesNoClock);

    public long MessagesMalformed => Interlocked.Read(ref _messagesMalformed);

    internal void OrderAccepted() => Interlocked.Increment(ref _ordersAccepted);

    internal void OrderIgnored() => Interlocked.Increment(ref _ordersIgnored);

    internal void StreamStarted() => Interlocked.Increment(ref _streamsStarted);

    internal void StreamFinished() => Interlocked.Increment(ref _streamsFinished);

    internal void StreamPreempted() => Interlocked.Increment(ref _streamsPreempted);

    internal void Played() => Interlocked.Increment(ref _framesPlayed);

    internal void Concealed() => Interlocked.Increment(ref _framesConcealed);

    internal void Fec() => Interlocked.Increment(ref _framesFec);

    internal void Late() => Interlocked.Increment(ref _framesLate);

    internal void SlotMissed() => Interlocked.Increment(ref _slotsMissed);

    internal void Duplicate() => Interlocked.Increment(ref _framesDuplicate);

    internal void Foreign(int frames) => Interlocked.Add(ref _framesForeign, frames);

    internal void WrongEpoch(int frames) => Interlocked.Add(ref _framesWrongEpoch, frames);

    internal void OutOfWindow() => Interlocked.Increment(ref _framesOutOfWindow);

    internal void LossInjected() => Interlocked.Increment(ref _framesLossInjected);

    internal void NoClock() => Interlocked.Increment(ref _framesNoClock);

    internal void Malformed() => Interlocked.Increment(ref _messagesMalformed);
}
