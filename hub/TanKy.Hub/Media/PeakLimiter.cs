namespace TanKy.Hub.Media;

/// <summary>
/// Look-ahead sample-peak limiter, one sample at a time, delay <see cref="Delay"/> samples.
/// Each sample needs gain r = min(1, ceiling/|x|). The gain applied to a sample is the
/// average, over the last L positions, of a released envelope of the minimum r in the next L
/// samples. Every term of that average already covers the sample, so the peak is held under
/// the ceiling by construction, while the gain ramps over L samples instead of stepping
/// (no clicks). Release is exponential, so the limiter lets go slowly between syllables.
/// </summary>
internal sealed class PeakLimiter
{
    private readonly int _window;
    private readonly float _ceiling;
    private readonly double _release;
    private readonly float[] _samples;
    private readonly double[] _envelopes;
    private readonly double[] _dequeValues;
    private readonly long[] _dequeIndexes;
    private int _dequeHead;
    private int _dequeCount;
    private long _index;
    private double _envelope = 1;
    private double _envelopeSum;

    public PeakLimiter(float ceiling, int lookaheadSamples = 240, double releaseSeconds = 0.08, int sampleRate = MediaFormat.SampleRate)
    {
        _window = lookaheadSamples;
        _ceiling = ceiling;
        _release = 1 - Math.Exp(-1.0 / (releaseSeconds * sampleRate));
        _samples = new float[lookaheadSamples];
        _envelopes = new double[lookaheadSamples];
        _dequeValues = new double[lookaheadSamples];
        _dequeIndexes = new long[lookaheadSamples];
        Array.Fill(_envelopes, 1.0);
        _envelopeSum = lookaheadSamples;
    }

    /// <summary>Output lags input by this many samples.</summary>
    public int Delay => _window - 1;

    /// <summary>Samples whose gain was below 1 (for the import log).</summary>
    public long LimitedSamples { get; private set; }

    /// <summary>Pushes one input sample; returns the sample that entered <see cref="Delay"/> pushes ago, limited.</summary>
    public float Push(float x)
    {
        var abs = Math.Abs(x);
        var required = abs > _ceiling ? _ceiling / (double)abs : 1.0;
        // The oldest sample in the look-ahead window is index − L + 1: drop what fell out, then
        // the deque front is that sample's forward minimum.
        var oldest = _index - _window + 1;
        if (_dequeCount > 0 && _dequeIndexes[_dequeHead] < oldest)
        {
            PopFront();
        }

        PushMin(_index, required);
        _samples[_index % _window] = x;
        var forwardMin = _dequeValues[_dequeHead];
        _envelope = Math.Min(forwardMin, _envelope + ((1 - _envelope) * _release));
        var slot = (int)(_index % _window);
        _envelopeSum += _envelope - _envelopes[slot];
        _envelopes[slot] = _envelope;
        _index++;

        // The delayed output sample is exactly the oldest one in the window: it sits in the slot about to be overwritten.
        var gain = Math.Min(1.0, _envelopeSum / _window);
        if (gain < 1)
        {
            LimitedSamples++;
        }

        var output = (float)(_samples[_index % _window] * gain);

        // Floating-point drift of the running sum could leave a hair over the ceiling: clamp.
        return Math.Clamp(output, -_ceiling, _ceiling);
    }

    private void PushMin(long index, double value)
    {
        while (_dequeCount > 0 && _dequeValues[(_dequeHead + _dequeCount - 1) % _window] >= value)
        {
            _dequeCount--;
        }

        var tail = (_dequeHead + _dequeCount) % _window;
        _dequeValues[tail] = value;
        _dequeIndexes[tail] = index;
        _dequeCount++;
    }

    private void PopFront()
    {
        _dequeHead = (_dequeHead + 1) % _window;
        _dequeCount--;
    }
}
