using System.Runtime.InteropServices;

namespace TanKy.Protocol.Time;

/// <summary>
/// A node's view of the hub clock, from a sliding window of <see cref="ClockSample"/>s.
/// Not thread-safe: the node's MQTT loop adds samples and its audio scheduler reads, on one thread
/// or behind the caller's lock.
/// </summary>
public sealed class ClockOffsetEstimator
{
    private readonly ClockEstimatorOptions _options;
    private readonly List<ClockSample> _window;
    private OffsetLine? _line;

    public ClockOffsetEstimator(ClockEstimatorOptions? options = null)
    {
        _options = options ?? ClockEstimatorOptions.Default;
        _options.Validate();
        _window = new List<ClockSample>(_options.WindowSize);
    }

    public ClockEstimatorOptions Options => _options;

    public int Count => _window.Count;

    public bool IsSynchronised => _window.Count >= _options.MinSamples;

    /// <summary>Current estimate; throws before the first sample.</summary>
    public OffsetLine Estimate => _line ??= Compute();

    /// <summary>Hub clock minus node clock, µs, at the newest sample.</summary>
    public long OffsetMicros => (long)Math.Round(Estimate.OffsetMicros);

    /// <summary>Adds one exchange; false (and ignored) if its clocks are implausible.</summary>
    public bool Add(ClockSample sample)
    {
        if (!sample.IsPlausible(_options.MaxDelayMicros))
        {
            return false;
        }

        if (_window.Count == _options.WindowSize)
        {
            _window.RemoveAt(0);
        }

        _window.Add(sample);
        _line = null;
        return true;
    }

    public bool Add(long t1, long t2, long t3, long t4) => Add(new ClockSample(t1, t2, t3, t4));

    /// <summary>Forgets every sample, e.g. after the node's own clock was stepped.</summary>
    public void Reset()
    {
        _window.Clear();
        _line = null;
    }

    /// <summary>Hub time of a node-clock instant.</summary>
    public long ToHub(long localMicros) => localMicros + (long)Math.Round(Estimate.OffsetAt(localMicros));

    /// <summary>
    /// Node-clock instant of a hub time, e.g. a frame's play-out time. Solves
    /// local + offset(local) = hub for the drift line.
    /// </summary>
    public long ToLocal(long hubMicros)
    {
        var line = Estimate;
        var reference = line.ReferenceLocalMicros;
        var sinceReference = (hubMicros - reference - line.OffsetMicros) / (1 + line.Drift);
        return reference + (long)Math.Round(sinceReference);
    }

    private OffsetLine Compute()
    {
        if (_window.Count == 0)
        {
            throw new InvalidOperationException("no clock sample yet");
        }

        var newest = _window[^1].T4;
        if (_options.Filter != ClockFilterKind.OneWayBounds)
        {
            var offset = SimpleClockFilters.Estimate(_options.Filter, CollectionsMarshal.AsSpan(_window), _options.LowestDelayCount);
            return new OffsetLine(offset, 0, 0, newest);
        }

        // Samples that no drift-limited line can satisfy together mean the clock stepped or the
        // drift limit is wrong: trust the newer ones and let the old ones go.
        while (_window.Count > 1)
        {
            var line = OneWayBoundsSolver.Solve(CollectionsMarshal.AsSpan(_window), _options.MaxDriftPpm);
            if (line is not null)
            {
                return line.Value;
            }

            _window.RemoveAt(0);
        }

        // One plausible sample (delay ≥ 0) is always consistent: its own bounds, no drift.
        var only = _window[0];
        return new OffsetLine(only.OffsetMicros, 0, only.DelayMicros / 2.0, newest);
    }
}
