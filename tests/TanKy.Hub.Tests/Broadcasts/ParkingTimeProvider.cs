using Microsoft.Extensions.Time.Testing;

namespace TanKy.Hub.Tests.Broadcasts;

/// <summary>
/// A <see cref="FakeTimeProvider"/> view that knows how many timers are pending. A stream
/// session computes its wait from "now" and then creates its timer; a test that advances the
/// clock in between would make that timer late. Waiting until the session is parked on its
/// timer before advancing keeps the fake clock exact.
/// </summary>
internal sealed class ParkingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly object _gate = new();
    private int _pending;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = fake.CreateTimer(s => { tracked.Settle(); callback(s); }, state, dueTime, period);
        Change(+1);
        return tracked;
    }

    /// <summary>Waits (up to 10 s of real time) until at least <paramref name="sessions"/> timers are pending, one per running session.</summary>
    public async Task WaitParkedAsync(Func<int> sessions)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_pending >= sessions())
                {
                    return;
                }

                changed = _changed.Task;
            }

            // A session ending or starting does not signal: re-check now and then as well.
            await changed.WaitAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    private void Change(int delta)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _pending += delta;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class TrackedTimer(ParkingTimeProvider owner) : ITimer
    {
        private int _settled;

        public ITimer Inner { get; set; } = null!;

        public void Settle()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                owner.Change(-1);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            Settle();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Settle();
            return Inner.DisposeAsync();
        }
    }
}
