using Microsoft.Extensions.Time.Testing;

namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// The one clock of a driven audio test: the hub's clock and the truth. Speakers derive their own
/// (offset, drifting) clocks from it. The test moves it forward with <see cref="RunUntil"/>, which
/// stops at every scheduled action and at every timer's due instant (<see cref="DueTrackingTime"/>),
/// so each wake happens at its exact due time whatever the machine's load.
/// </summary>
internal sealed class DrivenClock
{
    // A moment with no meaning: nothing under test may depend on the date.
    private static readonly DateTimeOffset Origin = new(2031, 3, 14, 1, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<Action, (long At, long Order)> _actions = new();
    private readonly DueTrackingTime _time = new(Origin);
    private long _order;

    public FakeTimeProvider Time => _time;

    /// <summary>Hub (true) time now, Unix µs.</summary>
    public long NowMicros => (Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Runs <paramref name="action"/> when the clock reaches hub time <paramref name="atMicros"/> (in booking order for equal times).</summary>
    public void At(long atMicros, Action action) => _actions.Enqueue(action, (atMicros, _order++));

    /// <summary>
    /// Advances to <paramref name="untilMicros"/> in steps of at most <paramref name="stepMicros"/>,
    /// running each booked action at its time and stopping at each timer's due instant, so the
    /// timers the players booked fire inline with the clock exactly at their due time.
    /// </summary>
    public void RunUntil(long untilMicros, long stepMicros = 1_000)
    {
        var kicked = long.MinValue;
        while (NowMicros < untilMicros || (_actions.TryPeek(out _, out var head) && head.At <= untilMicros && head.At <= NowMicros))
        {
            if (_actions.TryPeek(out var action, out var next) && next.At <= NowMicros)
            {
                _actions.Dequeue();
                action();
                continue;
            }

            var now = _time.GetUtcNow().UtcTicks;
            if (now != kicked && _time.HasDueBy(now))
            {
                // A timer booked due now (or at once): FakeTimeProvider fires it on an advance.
                kicked = now;
                _time.Advance(TimeSpan.Zero);
                continue;
            }

            var target = Ticks(Math.Min(untilMicros, NowMicros + stepMicros));
            if (_actions.TryPeek(out _, out next) && Ticks(next.At) < target)
            {
                target = Ticks(next.At);
            }

            if (_time.NextDueAfter(now) is { } due && due < target)
            {
                target = due;
            }

            _time.Advance(TimeSpan.FromTicks(target - now));
        }
    }

    /// <summary>Advances by <paramref name="span"/>.</summary>
    public void Run(TimeSpan span) => RunUntil(NowMicros + (long)span.TotalMicroseconds);

    private static long Ticks(long unixMicros) => DateTimeOffset.UnixEpoch.UtcTicks + (unixMicros * TimeSpan.TicksPerMicrosecond);
}
