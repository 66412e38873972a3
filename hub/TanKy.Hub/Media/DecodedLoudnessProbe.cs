using Concentus;

namespace TanKy.Hub.Media;

/// <summary>
/// Decodes each packet right after it is encoded and meters the result: the loudness the
/// loudspeakers will really play (the codec's band limit and the voice high-pass take a
/// little). Decoding costs about a quarter of encoding.
/// </summary>
internal sealed class DecodedLoudnessProbe(int preSkip, int frameSamples, bool native)
{
    private readonly IOpusDecoder _decoder = OpusEncoderFactory.CreateDecoder(native);
    private readonly LoudnessMeter _meter = new();
    private readonly float[] _pcm = new float[frameSamples];
    private long _position;

    public void Add(ReadOnlySpan<byte> packet)
    {
        var n = _decoder.Decode(packet, _pcm, frameSamples, false);

        // Drop the pre-skip; the zero padding past the end is silence, which the gate ignores.
        var skip = (int)Math.Clamp(preSkip - _position, 0, n);
        _meter.Add(_pcm.AsSpan(skip, n - skip));
        _position += n;
    }

    public double IntegratedLufs() => _meter.IntegratedLufs();
}
