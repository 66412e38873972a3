using Microsoft.Extensions.Time.Testing;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due. FakeTimeProvider fires
/// the timers an <c>Advance</c> passes only at the end of that advance, with the clock already at
/// its target; <see cref="DrivenClock"/> therefore advances to each due instant in turn, so every
/// callback sees the clock at its own due time, to the tick.
/// </summary>
internal sealed class DueTrackingTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Tracked> _armed = [];

    /// <summary>UTC ticks of the earliest armed timer due after <paramref name="ticks"/>, or null when none is.</summary>
    public long? NextDueAfter(long ticks)
    {
        lock (_gate)
        {
            long? next = null;
            foreach (var t in _armed)
            {
                if (t.DueTicks > ticks && (next is null || t.DueTicks < next))
                {
                    next = t.DueTicks;
                }
            }

            return next;
        }
    }

    /// <summary>True when an armed timer is due at or before <paramref name="ticks"/>.</summary>
    public bool HasDueBy(long ticks)
    {
        lock (_gate)
        {
            return _armed.Any(t => t.DueTicks <= ticks);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
        tracked.Arm(dueTime, period);
        tracked.Inner = base.CreateTimer(s =>
        {
            tracked.Fired();
            callback(s);
        }, state, dueTime, period);
        return tracked;
    }

    private sealed class Tracked(DueTrackingTime owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public long DueTicks { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner._armed.Remove(this);
                    return;
                }

                DueTicks = owner.GetUtcNow().UtcTicks + Math.Max(0, dueTime.Ticks);
                owner._armed.Add(this);
            }
        }

        public void Fired()
        {
            lock (owner._gate)
            {
                if (_period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero)
                {
                    owner._armed.Remove(this);
                }
                else
                {
                    DueTicks += _period.Ticks;
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner.DisposeAsync();
        }

        private void Disarm()
        {
            lock (owner._gate)
            {
                owner._armed.Remove(this);
            }
        }
    }
}
