using Microsoft.Extensions.Time.Testing;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timer callbacks it has run. FakeTimeProvider runs
/// every callback that falls due inside <see cref="FakeTimeProvider.Advance"/> (or SetUtcNow) on the
/// calling thread before returning, so right after a move the count says — without waiting — whether
/// anything timed on this clock (a PeriodicTimer tick, a Task.Delay) was woken by it.
/// </summary>
public sealed class CountingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _callbacks;

    public int Callbacks => Volatile.Read(ref _callbacks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _callbacks);
                callback(s);
            },
            state,
            dueTime,
            period);
}
