using Concentus;
using TanKy.Hub.Broadcasts.Sources;

namespace TanKy.Hub.Broadcasts.Live;

/// <summary>
/// 16-bit little-endian mono PCM at 8, 16 or 48 kHz, in chunks of any size → 48 kHz (linear
/// interpolation) → 20 ms Opus packets with the managed Concentus encoder, the broadcast codec settings.
/// </summary>
internal sealed class LivePcmEncoder
{
    public static readonly int[] Rates = [8_000, 16_000, 48_000];

    private readonly IOpusEncoder _encoder = SignalEncoder.CreateEncoder();
    private readonly float[] _frame = new float[AudioSourceFormat.FrameSamples];
    private readonly byte[] _buffer = new byte[1275];
    private readonly int _factor;
    private int _filled;
    private float _previous;
    private int _carry = -1;

    public LivePcmEncoder(int rate)
    {
        if (!Rates.Contains(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate must be 8000, 16000 or 48000");
        }

        _factor = AudioSourceFormat.SampleRate / rate;
    }

    /// <summary>Encoder look-ahead in 48 kHz samples (the stream's pre-skip).</summary>
    public int PreSkip => _encoder.Lookahead;

    /// <summary>Adds PCM bytes and hands every completed 20 ms packet to <paramref name="packet"/>.</summary>
    public void Add(ReadOnlySpan<byte> pcm, Action<ReadOnlyMemory<byte>> packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var i = 0;
        if (_carry >= 0 && pcm.Length > 0)
        {
            Sample((short)(_carry | (pcm[0] << 8)), packet);
            _carry = -1;
            i = 1;
        }

        for (; i + 1 < pcm.Length; i += 2)
        {
            Sample((short)(pcm[i] | (pcm[i + 1] << 8)), packet);
        }

        if (i < pcm.Length)
        {
            _carry = pcm[i];
        }
    }

    private void Sample(short value, Action<ReadOnlyMemory<byte>> packet)
    {
        var x = value / 32768f;
        for (var k = 1; k <= _factor; k++)
        {
            _frame[_filled++] = _previous + ((x - _previous) * k / _factor);
            if (_filled == _frame.Length)
            {
                var length = _encoder.Encode(_frame, AudioSourceFormat.FrameSamples, _buffer, _buffer.Length);
                packet(_buffer.AsSpan(0, length).ToArray());
                _filled = 0;
            }
        }

        _previous = x;
    }
}
