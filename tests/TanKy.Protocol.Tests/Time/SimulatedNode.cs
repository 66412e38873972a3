namespace TanKy.Protocol.Tests.Time;

/// <summary>
/// A node clock off by up to ±5 s with a constant drift, talking to the hub over a network whose
/// request and reply delays are drawn independently from 0–50 ms: every exchange is asymmetric.
/// The hub clock is the true time.
/// </summary>
internal sealed class SimulatedNode
{
    public const long MaxOneWayDelayMicros = 50_000;
    public const long MaxProcessingMicros = 2_000;

    private readonly Random _rng;
    private readonly long _hubStart;
    private readonly double _offsetAtStart;
    private readonly double _drift;

    public SimulatedNode(int seed, double maxDriftPpm)
    {
        _rng = new Random(seed);
        _hubStart = 1_767_225_600_000_000 + _rng.NextInt64(1_000_000_000);
        _offsetAtStart = (_rng.NextDouble() * 10_000_000) - 5_000_000;
        _drift = ((_rng.NextDouble() * 2) - 1) * maxDriftPpm * 1e-6;
    }

    public long HubStart => _hubStart;

    public long LocalAt(long hubMicros) =>
        (long)Math.Round(hubMicros + _offsetAtStart + (_drift * (hubMicros - _hubStart)));

    /// <summary>One exchange whose request leaves the node at hub time <paramref name="hubSend"/>.</summary>
    public TanKy.Protocol.Time.ClockSample Exchange(long hubSend)
    {
        var t1 = LocalAt(hubSend);
        var t2 = hubSend + _rng.NextInt64(MaxOneWayDelayMicros + 1);
        var t3 = t2 + _rng.NextInt64(MaxProcessingMicros + 1);
        var t4 = LocalAt(t3 + _rng.NextInt64(MaxOneWayDelayMicros + 1));
        return new TanKy.Protocol.Time.ClockSample(t1, t2, t3, t4);
    }
}
