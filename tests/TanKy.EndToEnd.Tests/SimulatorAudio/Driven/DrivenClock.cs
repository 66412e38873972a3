namespace TanKy.EndToEnd.Tests.SimulatorAudio.Driven;

/// <summary>
/// The one clock of a driven audio test: the hub's clock and the truth. Speakers derive their own
/// (offset, drifting) clocks from it. The test moves it forward with <see cref="RunUntil"/>, which
/// stops at every scheduled action and at every timer the players booked (to the tick, see
/// <see cref="DrivenTimeProvider"/>), so each wake happens at its exact due time whatever the
/// machine's load.
/// </summary>
internal sealed class DrivenClock
{
    // A moment with no meaning: nothing under test may depend on the date.
    private static readonly DateTimeOffset Origin = new(2031, 3, 14, 1, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<Action, (long At, long Order)> _actions = new();
    private long _order;

    public DrivenTimeProvider Time { get; } = new(Origin);

    /// <summary>Hub (true) time now, Unix µs.</summary>
    public long NowMicros => (Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Runs <paramref name="action"/> when the clock reaches hub time <paramref name="atMicros"/> (in booking order for equal times).</summary>
    public void At(long atMicros, Action action) => _actions.Enqueue(action, (atMicros, _order++));

    /// <summary>
    /// Advances to <paramref name="untilMicros"/> in steps of at most <paramref name="stepMicros"/>,
    /// running each booked action at its time and stopping at each timer's due tick, where
    /// FakeTimeProvider fires it inline.
    /// </summary>
    public void RunUntil(long untilMicros, long stepMicros = 1_000)
    {
        var until = TicksOf(untilMicros);
        while (true)
        {
            var now = Time.GetUtcNow().UtcTicks;
            var hasAction = _actions.TryPeek(out var action, out var next);
            if (hasAction && next.At <= untilMicros && TicksOf(next.At) <= now)
            {
                _actions.Dequeue();
                action!();
                continue;
            }

            if (now >= until)
            {
                return;
            }

            var target = Math.Min(until, now + (stepMicros * TimeSpan.TicksPerMicrosecond));
            if (hasAction)
            {
                target = Math.Min(target, TicksOf(next.At));
            }

            if (Time.NextDueTicks is { } due)
            {
                target = Math.Min(target, due);
            }

            if (target <= now)
            {
                // A timer due now that has not fired: Advance(0) runs it; it must not stay armed.
                Time.Advance(TimeSpan.Zero);
                if (Time.NextDueTicks is { } still && still <= now)
                {
                    throw new InvalidOperationException("a timer due now did not fire");
                }

                continue;
            }

            Time.Advance(TimeSpan.FromTicks(target - now));
        }
    }

    /// <summary>Advances by <paramref name="span"/>.</summary>
    public void Run(TimeSpan span) => RunUntil(NowMicros + (long)span.TotalMicroseconds);

    private static long TicksOf(long unixMicros) => DateTimeOffset.UnixEpoch.UtcTicks + (unixMicros * TimeSpan.TicksPerMicrosecond);
}
