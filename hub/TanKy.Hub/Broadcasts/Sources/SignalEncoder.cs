using Concentus;
using Concentus.Enums;

namespace TanKy.Hub.Broadcasts.Sources;

/// <summary>
/// Encodes a generated signal as broadcast packets with Concentus (managed, 24 kbit/s voice,
/// in-band FEC), for tests and for commissioning without a media library. Always the managed
/// codec: a native libopus, when installed, produces a different bitstream.
/// </summary>
public static class SignalEncoder
{
    public const int Bitrate = 24_000;

    /// <summary>A speech-like test signal: a gliding tone with harmonics under a syllable-rate envelope.</summary>
    public static float TestSignal(long n)
    {
        var t = n / (double)AudioSourceFormat.SampleRate;
        var phase = 2 * Math.PI * ((220 * t) + (60 * t * t));
        var envelope = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 4 * t));
        var tone = Math.Sin(phase) + (0.4 * Math.Sin(2 * phase));
        return (float)(0.3 * envelope * tone);
    }

    public static MediaPackets Encode(string title, TimeSpan duration) => Encode(title, (long)(duration.TotalSeconds * AudioSourceFormat.SampleRate), TestSignal);

    /// <summary>Encodes <paramref name="samples"/> samples of <paramref name="signal"/>, flushed through the encoder's look-ahead.</summary>
    public static MediaPackets Encode(string title, long samples, Func<long, float> signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var encoder = CreateEncoder();
        var preSkip = encoder.Lookahead;
        var frames = AudioSourceFormat.FramesFor(samples + preSkip);
        var pcm = new float[AudioSourceFormat.FrameSamples];
        var buffer = new byte[1275];
        var packets = new List<ReadOnlyMemory<byte>>((int)frames);
        for (long f = 0; f < frames; f++)
        {
            for (var i = 0; i < pcm.Length; i++)
            {
                var n = (f * AudioSourceFormat.FrameSamples) + i;
                pcm[i] = n < samples ? signal(n) : 0f;
            }

            var length = encoder.Encode(pcm, AudioSourceFormat.FrameSamples, buffer, buffer.Length);
            packets.Add(buffer.AsSpan(0, length).ToArray());
        }

        return new MediaPackets(title, packets, samples, preSkip);
    }

    public static IOpusEncoder CreateEncoder()
    {
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        var encoder = OpusCodecFactory.CreateEncoder(AudioSourceFormat.SampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.Bitrate = Bitrate;
        encoder.Complexity = 5;
        encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        encoder.UseInbandFEC = true;
        encoder.PacketLossPercent = 10;
        return encoder;
    }
}
