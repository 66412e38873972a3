namespace TanKy.Protocol.Time;

/// <summary>
/// One clock-sync exchange, all in µs: <c>T1</c> node send and <c>T4</c> node receipt (node
/// clock), <c>T2</c> hub receipt and <c>T3</c> hub send (hub clock).
/// </summary>
public readonly record struct ClockSample(long T1, long T2, long T3, long T4)
{
    /// <summary>NTP offset ((t2 − t1) + (t3 − t4)) / 2: hub clock minus node clock.</summary>
    public long OffsetMicros => ((T2 - T1) + (T3 - T4)) / 2;

    /// <summary>Round-trip network delay (t4 − t1) − (t3 − t2), without the hub's processing time.</summary>
    public long DelayMicros => (T4 - T1) - (T3 - T2);

    /// <summary>
    /// t2 − t1 = offset + request delay ≥ offset at t1: the request cannot arrive before it left.
    /// </summary>
    public long UpperBoundMicros => T2 - T1;

    /// <summary>t3 − t4 = offset − reply delay ≤ offset at t4.</summary>
    public long LowerBoundMicros => T3 - T4;

    /// <summary>Ordered clocks on both sides; anything else is a bug or a clock step, not a measurement.</summary>
    public bool IsPlausible(long maxDelayMicros) =>
        T4 >= T1 && T3 >= T2 && DelayMicros >= 0 && DelayMicros <= maxDelayMicros;
}
