using Concentus;
using Concentus.Enums;

namespace TanKy.Hub.Tests.Archive;

/// <summary>Real Opus packets from Concentus for a generated speech-like signal.</summary>
internal static class OpusTestAudio
{
    public const int FrameSamples = 960;

    /// <summary>Encodes <paramref name="sourceSamples"/> samples (48 kHz) of signal, padded as a real encoder path would.</summary>
    public static EncodedAudio Encode(long sourceSamples, int bitrate = 24000)
    {
        // Managed Concentus everywhere: native libopus, when installed, makes a different bitstream.
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        var encoder = OpusCodecFactory.CreateEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.Bitrate = bitrate;
        encoder.Complexity = 5;
        var preSkip = encoder.Lookahead;

        // The encoder holds back `preSkip` samples: feed that much silence after the source so
        // the whole source comes out, then pad to whole 20 ms frames.
        var total = sourceSamples + preSkip;
        var frames = (int)((total + FrameSamples - 1) / FrameSamples);
        var pcm = new float[FrameSamples];
        var buffer = new byte[1275];
        var packets = new List<byte[]>(frames);
        for (var f = 0; f < frames; f++)
        {
            for (var i = 0; i < FrameSamples; i++)
            {
                long n = ((long)f * FrameSamples) + i;
                pcm[i] = n < sourceSamples ? Signal(n) : 0f;
            }

            var length = encoder.Encode(pcm, FrameSamples, buffer, buffer.Length);
            packets.Add(buffer.AsSpan(0, length).ToArray());
        }

        return new EncodedAudio(packets, preSkip, sourceSamples);
    }

    // A 220 Hz voice-like tone with harmonics, syllable-rate amplitude modulation.
    private static float Signal(long n)
    {
        var t = n / 48000.0;
        var envelope = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 3 * t));
        var tone = Math.Sin(2 * Math.PI * 220 * t) + (0.5 * Math.Sin(2 * Math.PI * 440 * t)) + (0.25 * Math.Sin(2 * Math.PI * 660 * t));
        return (float)(0.3 * envelope * tone);
    }
}

internal sealed record EncodedAudio(IReadOnlyList<byte[]> Packets, int PreSkip, long SourceSamples)
{
    public double SourceSeconds => SourceSamples / 48000.0;
}
