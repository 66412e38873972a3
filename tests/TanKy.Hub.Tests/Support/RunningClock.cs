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

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
}
