namespace TanKy.DeviceSim.Clock;

/// <summary>
/// The node's own clock: what its RTC/crystal says, not the truth. It is the injected
/// <see cref="TimeProvider"/> shifted by a fixed offset and running fast or slow by a drift.
/// Built on the provider's monotonic timestamp (anchored once to its wall clock) so a
/// microsecond reading is precise and never steps backwards, like a firmware's tick counter.
/// </summary>
internal sealed class NodeClock
{
    private readonly TimeProvider _time;
    private readonly long _anchorTimestamp;
    private readonly long _anchorUnixMicros;
    private readonly long _offsetMicros;
    private readonly double _rate;

    public NodeClock(TimeProvider time, TimeSpan offset, double driftPpm = 0)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _anchorTimestamp = time.GetTimestamp();
        _anchorUnixMicros = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        _offsetMicros = (long)offset.TotalMicroseconds;
        _rate = 1 + (driftPpm / 1e6);
    }

    public TimeProvider Time => _time;

    /// <summary>The node clock now, Unix µs.</summary>
    public long NowMicros => _anchorUnixMicros + _offsetMicros + (long)(ElapsedMicros() * _rate);

    /// <summary>
    /// The provider's own time now (Unix µs), i.e. the truth on a machine whose hub uses the same
    /// clock. A firmware cannot know it; tests and benchmarks use it to check what the node reports.
    /// </summary>
    public long TrueNowMicros => _anchorUnixMicros + (long)ElapsedMicros();

    /// <summary>Provider time the node must wait for its own clock to advance by <paramref name="localMicros"/>.</summary>
    public TimeSpan ProviderDelayFor(long localMicros) =>
        localMicros <= 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(localMicros / _rate);

    private double ElapsedMicros() => _time.GetElapsedTime(_anchorTimestamp).TotalMicroseconds;
}
