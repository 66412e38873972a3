using Concentus;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// One node's Opus decoder (48 kHz mono) with the three ways to fill a frame slot: its own
/// packet, in-band FEC from the next packet, or packet-loss concealment. Created on first use
/// and reused across streams (reset per stream), as a firmware keeps one decoder instance.
/// </summary>
internal sealed class OpusFrameDecoder
{
    // 60 ms at 48 kHz, the longest Opus frame.
    private const int MaxFrameSamples = 2880;
    private readonly short[] _pcm = new short[MaxFrameSamples];
    private IOpusDecoder? _decoder;

    public void Reset() => _decoder?.ResetState();

    /// <summary>Decodes <paramref name="packet"/>; an empty or corrupt packet is concealed instead (false).</summary>
    public bool TryDecode(ReadOnlyMemory<byte> packet, int samples, out ReadOnlySpan<short> pcm)
    {
        if (!packet.IsEmpty && Run(packet.Span, samples, fec: false, out pcm))
        {
            return true;
        }

        pcm = Conceal(samples);
        return false;
    }

    /// <summary>Recovers the frame before <paramref name="nextPacket"/> from its in-band FEC data.</summary>
    public bool TryRecover(ReadOnlyMemory<byte> nextPacket, int samples, out ReadOnlySpan<short> pcm)
    {
        if (!nextPacket.IsEmpty && Run(nextPacket.Span, samples, fec: true, out pcm))
        {
            return true;
        }

        pcm = Conceal(samples);
        return false;
    }

    public ReadOnlySpan<short> Conceal(int samples)
    {
        // Concentus: an empty span is opus_decode(NULL), i.e. packet-loss concealment.
        return Run([], samples, fec: false, out var pcm) ? pcm : Silence(samples);
    }

    private bool Run(ReadOnlySpan<byte> data, int samples, bool fec, out ReadOnlySpan<short> pcm)
    {
        try
        {
            var n = Decoder.Decode(data, _pcm.AsSpan(0, samples), samples, fec);
            if (n > 0)
            {
                pcm = _pcm.AsSpan(0, n);
                return true;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or Concentus.OpusException)
        {
            // A corrupt packet must not stop the speaker: the caller conceals the slot.
        }

        pcm = default;
        return false;
    }

    private ReadOnlySpan<short> Silence(int samples)
    {
        _pcm.AsSpan(0, samples).Clear();
        return _pcm.AsSpan(0, samples);
    }

    private IOpusDecoder Decoder => _decoder ??= Create();

    private static IOpusDecoder Create()
    {
        // Concentus switches to a loadable libopus by itself, and libopus is installed on some of
        // our machines: pin the managed decoder so every node decodes the same way everywhere.
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        return OpusCodecFactory.CreateDecoder(48_000, 1);
    }
}
