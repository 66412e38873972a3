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

    /// <summary>
    /// A rising tone with two harmonics under a syllable-rate envelope: speech-like for the
    /// encoder, and never periodic, so a time shift of the decoded audio shows up clearly.
    /// </summary>
    public static float Signal(long n)
    {
        var t = n / 48000.0;
        var phase = 2 * Math.PI * ((200 * t) + (150 * t * t));
        var envelope = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 3 * t));
        var tone = Math.Sin(phase) + (0.5 * Math.Sin(2 * phase)) + (0.25 * Math.Sin(3 * phase));
        return (float)(0.3 * envelope * tone);
    }
}

internal sealed record EncodedAudio(IReadOnlyList<byte[]> Packets, int PreSkip, long SourceSamples)
{
    public double SourceSeconds => SourceSamples / 48000.0;
}
