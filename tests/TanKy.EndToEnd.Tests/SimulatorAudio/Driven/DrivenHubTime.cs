using Microsoft.Extensions.Time.Testing;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// The hub's view of a <see cref="DrivenClock"/>: the same time, plus a count of the one-shot
/// timers the hub's code is parked on. The hub's streams are async tasks: a stream computes its
/// wait from "now" and then creates its timer, and a test that moved the clock in between would
/// make that timer late. So the driver waits until every task it expects is parked on a timer
/// before it moves the clock (the pattern of the hub tests' ParkingTimeProvider; periodic timers,
/// such as refresh loops, never count as parked work).
/// </summary>
internal sealed class DrivenHubTime(FakeTimeProvider fake) : TimeProvider
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private int _parked;

    /// <summary>One-shot timers pending now (each is a hub task waiting for its time).</summary>
    public int Parked
    {
        get
        {
            lock (_gate)
            {
                return _parked;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var oneShot = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero;
        var tracked = new TrackedTimer(this);
        tracked.Inner = fake.CreateTimer(s => { tracked.Settle(); callback(s); }, state, dueTime, period);

        // Counted only once armed: counted before, a driver could see the task "parked" and move the
        // clock while the timer was not yet booked, and the timer would then be booked from the later
        // time (a stream message up to 1.2 s late, or a wake the clock had already passed, under load).
        if (oneShot && dueTime != Timeout.InfiniteTimeSpan)
        {
            tracked.Count();
        }

        return tracked;
    }

    /// <summary>
    /// Waits (in real time, up to 30 s) until at least <paramref name="expected"/> one-shot timers
    /// are pending: every task the caller knows of has reached its next wait.
    /// </summary>
    public async Task WaitParkedAsync(Func<int> expected)
    {
        var deadline = DateTime.UtcNow + RealTimeout;
        var spins = 0;
        while (Parked < expected())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the hub's tasks did not park: {Parked} timers pending, {expected()} expected");
            }

            // Usually parked within microseconds; a task doing disk I/O takes a little longer.
            if (++spins < 200)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System);
            }
        }
    }

    private void Change(int delta)
    {
        lock (_gate)
        {
            _parked += delta;
        }
    }

    private sealed class TrackedTimer(DrivenHubTime owner) : ITimer
    {
        private const int Pending = 0, Counted = 1, Settled = 2;
        private int _state;

        public ITimer Inner { get; set; } = null!;

        /// <summary>Armed and not yet fired: parked work (unless it already fired while being armed).</summary>
        public void Count()
        {
            if (Interlocked.CompareExchange(ref _state, Counted, Pending) == Pending)
            {
                owner.Change(+1);
            }
        }

        /// <summary>Fired or disposed: no longer parked work.</summary>
        public void Settle()
        {
            if (Interlocked.Exchange(ref _state, Settled) == Counted)
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
