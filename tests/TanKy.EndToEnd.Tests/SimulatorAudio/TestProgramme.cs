using Concentus;
using Concentus.Enums;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>
/// A generated voice-like signal (a gliding fundamental with decaying harmonics, syllable-rate
/// envelope) and its Opus packets (48 kHz mono, 20 ms, 24 kbit/s), encoded once per test run in
/// two ways. <see cref="Voice"/> is what the hub's media library makes (VOIP, voice, in-band FEC):
/// SILK, which carries FEC but does not keep the waveform (measured NCC 0.71 at the lookahead,
/// 0.80 at best, lag 301). <see cref="Music"/> (AUDIO, music) is CELT, which keeps it (0.99 at
/// lag 310–312) but has no in-band FEC. Waveform comparisons use Music, loss tests use Voice.
/// </summary>
internal sealed class TestProgramme
{
    public const int FrameSamples = 960;

    private static readonly Lazy<TestProgramme> VoiceProgramme = new(() => new TestProgramme(150, OpusApplication.OPUS_APPLICATION_VOIP, OpusSignal.OPUS_SIGNAL_VOICE));
    private static readonly Lazy<TestProgramme> MusicProgramme = new(() => new TestProgramme(150, OpusApplication.OPUS_APPLICATION_AUDIO, OpusSignal.OPUS_SIGNAL_MUSIC));

    private TestProgramme(int frames, OpusApplication application, OpusSignal signal)
    {
        Source = Generate(frames * FrameSamples);
        (Packets, Lookahead) = Encode(Source, application, signal);
    }

    /// <summary>SILK with in-band FEC, as the hub encodes speech.</summary>
    public static TestProgramme Voice => VoiceProgramme.Value;

    /// <summary>CELT: the decoded waveform follows the source.</summary>
    public static TestProgramme Music => MusicProgramme.Value;

    /// <summary>The signal, −1…1, 48 kHz mono.</summary>
    public float[] Source { get; }

    public IReadOnlyList<byte[]> Packets { get; }

    /// <summary>The encoder's lookahead in samples: how much later the decoded signal comes out.</summary>
    public int Lookahead { get; }

    private static float[] Generate(int samples)
    {
        var signal = new float[samples];
        var phase = 0.0;
        for (var n = 0; n < samples; n++)
        {
            var t = n / 48_000.0;
            var f0 = 150 + (60 * Math.Sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * f0 / 48_000;
            var envelope = 0.55 + (0.45 * Math.Sin(2 * Math.PI * 4 * t));
            var v = 0.0;
            for (var h = 1; h <= 6; h++)
            {
                v += Math.Sin(h * phase) / h;
            }

            signal[n] = (float)(0.3 * envelope * v);
        }

        return signal;
    }

    private static (IReadOnlyList<byte[]> Packets, int Lookahead) Encode(float[] source, OpusApplication application, OpusSignal signal)
    {
        // Managed Concentus on both sides, explicitly: libopus is installed on this machine.
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        var encoder = OpusCodecFactory.CreateEncoder(48_000, 1, application);
        encoder.Bitrate = 24_000;
        encoder.Complexity = 5;
        encoder.SignalType = signal;
        encoder.UseInbandFEC = true;
        encoder.PacketLossPercent = 10;
        var packets = new List<byte[]>();
        var buffer = new byte[1275];
        for (var at = 0; at < source.Length; at += FrameSamples)
        {
            var n = encoder.Encode(source.AsSpan(at, FrameSamples), FrameSamples, buffer, buffer.Length);
            packets.Add(buffer[..n]);
        }

        return (packets, encoder.Lookahead);
    }
}
