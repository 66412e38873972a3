namespace TanKy.Protocol.Time;

/// <summary>
/// An offset estimate as a line in node time: offset(t) = <see cref="OffsetMicros"/> +
/// <see cref="Drift"/> × (t − <see cref="ReferenceLocalMicros"/>).
/// </summary>
/// <param name="OffsetMicros">Hub clock minus node clock at the reference time.</param>
/// <param name="Drift">How fast the offset changes, µs per node µs (50 ppm = 50e-6).</param>
/// <param name="UncertaintyMicros">
/// Half the range of offsets every sample still allows (for <see cref="ClockFilterKind.OneWayBounds"/>);
/// a bound, not a standard deviation. Zero for the other filters.
/// </param>
/// <param name="ReferenceLocalMicros">Node time the offset refers to (receipt of the newest sample).</param>
public readonly record struct OffsetLine(double OffsetMicros, double Drift, double UncertaintyMicros, long ReferenceLocalMicros)
{
    public double OffsetAt(long localMicros) => OffsetMicros + (Drift * (localMicros - ReferenceLocalMicros));
}
