namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// A look-ahead sample-peak limiter for a stream (state carries over from frame to frame), with
/// output delayed by <see cref="Delay"/> samples. Every input sample asks for a gain
/// r = min(1, ceiling/|x|); the envelope is the smallest r still ahead of the output sample within
/// the look-ahead, released exponentially; the gain applied is the mean of the last L envelope
/// values. Each of those values was taken while the output sample was in the look-ahead, so each is
/// at most its r: the peak stays under the ceiling by construction, and the gain moves as a ramp over
/// L samples instead of a step, so there is no click. The same design as the media library's
/// limiter (Media sits above Broadcasts and cannot be used here).
/// </summary>
internal sealed class RelayLimiter
{
    private readonly int _window;
    private readonly float _ceiling;
    private readonly double _release;
    private readonly float[] _delay;
    private readonly double[] _envelopes;
    private readonly double[] _minValues;
    private readonly long[] _minIndexes;
    private int _minHead;
    private int _minCount;
    private long _index;
    private double _envelope = 1;
    private double _envelopeSum;

    public RelayLimiter(float ceiling, int lookaheadSamples = 240, double releaseSeconds = 0.08)
    {
        _window = lookaheadSamples;
        _ceiling = ceiling;
        _release = 1 - Math.Exp(-1.0 / (releaseSeconds * global::TanKy.Hub.Broadcasts.Sources.AudioSourceFormat.SampleRate));
        _delay = new float[lookaheadSamples];
        _envelopes = new double[lookaheadSamples];
        _minValues = new double[lookaheadSamples];
        _minIndexes = new long[lookaheadSamples];
        Array.Fill(_envelopes, 1.0);
        _envelopeSum = lookaheadSamples;
    }

    /// <summary>Output lags input by this many samples.</summary>
    public int Delay => _window - 1;

    /// <summary>Samples whose gain was below 1.</summary>
    public long LimitedSamples { get; private set; }

    /// <summary>Limits <paramref name="samples"/> in place (each output is the input of <see cref="Delay"/> samples before).</summary>
    public void Process(Span<float> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = Push(samples[i]);
        }
    }

    private float Push(float x)
    {
        var abs = Math.Abs(x);
        var required = abs > _ceiling ? _ceiling / (double)abs : 1.0;

        // Sliding minimum of r over the look-ahead: a deque of increasing values.
        if (_minCount > 0 && _minIndexes[_minHead] <= _index - _window)
        {
            _minHead = (_minHead + 1) % _window;
            _minCount--;
        }

        while (_minCount > 0 && _minValues[(_minHead + _minCount - 1) % _window] >= required)
        {
            _minCount--;
        }

        var tail = (_minHead + _minCount) % _window;
        _minValues[tail] = required;
        _minIndexes[tail] = _index;
        _minCount++;

        _envelope = Math.Min(_minValues[_minHead], _envelope + ((1 - _envelope) * _release));
        var slot = (int)(_index % _window);
        _envelopeSum += _envelope - _envelopes[slot];
        _envelopes[slot] = _envelope;
        _delay[slot] = x;
        _index++;

        // The output is the oldest sample of the window: the one in the slot written next.
        var gain = Math.Min(1.0, _envelopeSum / _window);
        if (gain < 1)
        {
            LimitedSamples++;
        }

        // A hair of floating-point drift in the running sum must not pass the ceiling.
        return Math.Clamp((float)(_delay[_index % _window] * gain), -_ceiling, _ceiling);
    }
}
