using TanKy.Protocol.Time;

namespace TanKy.Hub.Broadcasts.Clock;

/// <summary>
/// The hub clock of protocol.md §4.7: Unix time in µs, read from the injected
/// <see cref="TimeProvider"/> so tests drive it with a fake. Play-out times, clock-sync replies
/// and delivery measurements all use this one clock.
/// </summary>
internal sealed class HubClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public long NowMicros => ToMicros(Time.GetUtcNow());

    /// <summary>Unix µs of an instant (ticks are 100 ns, so no precision is lost above 1 µs).</summary>
    public static long ToMicros(DateTimeOffset instant) => UnixMicros.From(instant);

    public static DateTimeOffset FromMicros(long unixMicros) => UnixMicros.ToInstant(unixMicros);
}
