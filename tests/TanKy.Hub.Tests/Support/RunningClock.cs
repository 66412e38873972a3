namespace TanKy.Hub.Tests.Support;

/// <summary>
/// A clock that starts at a fixed instant and then runs at real speed, with the system's timers.
/// For a whole hub under a browser (or any host with timeouts, sessions and background loops) that
/// must see a fixed date: a frozen FakeTimeProvider there means time-outs that never expire and
/// loops that never advance, while this one behaves like the real clock on another day.
/// </summary>
public sealed class RunningClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = System.GetTimestamp();
    private long _jumpedTicks;

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started) + TimeSpan.FromTicks(Interlocked.Read(ref _jumpedTicks));

    /// <summary>Moves the clock forward at once (an interval of minutes passes in no real time); timers keep real durations.</summary>
    public void Jump(TimeSpan by) => Interlocked.Add(ref _jumpedTicks, by.Ticks);
}
