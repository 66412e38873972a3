using NAudio.Wave;

namespace TanKy.Hub.Media;

/// <summary>
/// Applies the normalisation gain, then the <see cref="PeakLimiter"/>. Hides the limiter's
/// delay: output is sample-aligned with the input and exactly as long, which the Opus
/// round-trip and the archive rely on.
/// </summary>
internal sealed class GainLimiterSampleProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly float _gain;
    private readonly PeakLimiter _limiter;
    private readonly float[] _chunk = new float[4096];
    private int _chunkLength;
    private int _chunkPosition;
    private int _paddingLeft;
    private bool _sourceDone;
    private int _primed;

    public GainLimiterSampleProvider(ISampleProvider source, double gainDb, float ceiling)
    {
        _source = source;
        _gain = (float)Math.Pow(10, gainDb / 20);
        _limiter = new PeakLimiter(ceiling);
        _paddingLeft = _limiter.Delay;
    }

    public WaveFormat WaveFormat => _source.WaveFormat;

    public long LimitedSamples => _limiter.LimitedSamples;

    public int Read(Span<float> buffer)
    {
        var written = 0;
        while (written < buffer.Length && TryNextInput(out var x))
        {
            var y = _limiter.Push(x * _gain);

            // The first Delay outputs are the limiter's empty history, not audio.
            if (_primed < _limiter.Delay)
            {
                _primed++;
                continue;
            }

            buffer[written++] = y;
        }

        return written;
    }

    private bool TryNextInput(out float sample)
    {
        if (_chunkPosition == _chunkLength && !_sourceDone)
        {
            _chunkLength = _source.Read(_chunk);
            _chunkPosition = 0;
            _sourceDone = _chunkLength == 0;
        }

        if (_chunkPosition < _chunkLength)
        {
            sample = _chunk[_chunkPosition++];
            return true;
        }

        // After the source ends, push zeros to flush the samples still inside the look-ahead.
        sample = 0;
        if (_paddingLeft == 0)
        {
            return false;
        }

        _paddingLeft--;
        return true;
    }
}
