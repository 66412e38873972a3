using TanKy.Protocol.Time;

namespace TanKy.DeviceSim.Clock;

/// <summary>
/// The node's view of the hub clock: its own <see cref="NodeClock"/> plus a
/// <see cref="ClockOffsetEstimator"/> fed by the sync client. The estimator is not thread-safe;
/// the sync client (inbound worker) and the player (scheduler loop) share it through this lock.
/// </summary>
internal sealed class HubClockView
{
    private readonly Lock _gate = new();
    private readonly ClockOffsetEstimator _estimator = new();

    public HubClockView(NodeClock clock)
    {
        Clock = clock;
    }

    public NodeClock Clock { get; }

    /// <summary>True from <see cref="ClockEstimatorOptions.MinSamples"/> samples on (protocol.md §8.2.3).</summary>
    public bool IsSynchronised
    {
        get
        {
            lock (_gate)
            {
                return _estimator.IsSynchronised;
            }
        }
    }

    public int SampleCount
    {
        get
        {
            lock (_gate)
            {
                return _estimator.Count;
            }
        }
    }

    /// <summary>Hub minus node clock, µs, at the newest sample; null before the first sample.</summary>
    public long? OffsetMicros
    {
        get
        {
            lock (_gate)
            {
                return _estimator.Count == 0 ? null : _estimator.OffsetMicros;
            }
        }
    }

    /// <summary>Adds one exchange; returns true when this sample made the estimator synchronised.</summary>
    public bool Add(long t1, long t2, long t3, long t4)
    {
        lock (_gate)
        {
            var was = _estimator.IsSynchronised;
            return _estimator.Add(t1, t2, t3, t4) && !was && _estimator.IsSynchronised;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _estimator.Reset();
        }
    }

    /// <summary>Node-clock instant of hub time <paramref name="hubMicros"/>; false before any sample.</summary>
    public bool TryToLocal(long hubMicros, out long localMicros, out bool synchronised)
    {
        lock (_gate)
        {
            synchronised = _estimator.IsSynchronised;
            localMicros = _estimator.Count == 0 ? 0 : _estimator.ToLocal(hubMicros);
            return _estimator.Count > 0;
        }
    }

    /// <summary>Hub time of node-clock instant <paramref name="localMicros"/>; the node clock itself before any sample.</summary>
    public long ToHub(long localMicros)
    {
        lock (_gate)
        {
            return _estimator.Count == 0 ? localMicros : _estimator.ToHub(localMicros);
        }
    }

    /// <summary>Best guess of hub time now, for event timestamps.</summary>
    public long HubNowMicros => ToHub(Clock.NowMicros);
}
