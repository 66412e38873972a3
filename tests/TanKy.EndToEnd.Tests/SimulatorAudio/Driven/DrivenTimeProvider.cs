using Microsoft.Extensions.Time.Testing;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due. FakeTimeProvider (10.x)
/// moves its clock to the end of an <see cref="FakeTimeProvider.Advance"/> before it runs the timers
/// that came due on the way, so a timer due at 1.5 ms fires seeing 2 ms when advanced by 2 ms.
/// <see cref="DrivenClock"/> advances to <see cref="NextDueTicks"/> at most, so every timer fires
/// with the clock at its own due time, to the tick (0.1 µs).
/// </summary>
internal sealed class DrivenTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _armed = [];

    /// <summary>Clock ticks (UTC) at which the earliest armed timer is due, or null when none is.</summary>
    public long? NextDueTicks
    {
        get
        {
            lock (_gate)
            {
                return _armed.Count == 0 ? null : _armed.Min(t => t.DueTicks);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);

        // Armed before the inner timer exists: FakeTimeProvider runs a zero-due timer inside CreateTimer.
        tracked.Arm(dueTime, period);
        tracked.Inner = base.CreateTimer(s =>
        {
            tracked.Fired();
            callback(s);
        }, state, dueTime, period);
        return tracked;
    }

    private sealed class TrackedTimer(DrivenTimeProvider owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer? Inner { get; set; }

        public long DueTicks { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            lock (owner._gate)
            {
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner._armed.Remove(this);
                    return;
                }

                DueTicks = owner.GetUtcNow().UtcTicks + dueTime.Ticks;
                owner._armed.Add(this);
            }
        }

        public void Fired()
        {
            lock (owner._gate)
            {
                if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero)
                {
                    owner._armed.Remove(this);
                }
                else
                {
                    DueTicks = owner.GetUtcNow().UtcTicks + _period.Ticks;
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner?.Change(dueTime, period) ?? false;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._armed.Remove(this);
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
