using System.Buffers.Binary;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// A voice-like test signal at 48 kHz mono: an announcer's voice (fundamental gliding around
/// 210 Hz with 12 decaying harmonics), a 4 Hz syllable envelope, a pause every 2 s and a little
/// breath noise. 210 Hz rather than a low male voice: the VOIP encoder high-passes its input,
/// and a fundamental near 100–150 Hz loses phase there (media tests measured this); a public
/// address announcer's voice sits in this range.
/// </summary>
internal static class SpeechSignal
{
    public const int Rate = 48_000;

    public static float[] Generate(double seconds, int seed = 11)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * Rate)];
        var phase = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var pitch = 210 * (1 + (0.15 * Math.Sin(2 * Math.PI * 0.6 * t)));
            phase += 2 * Math.PI * pitch / Rate;
            var voiced = 0.0;
            for (var h = 1; h <= 12; h++)
            {
                voiced += Math.Sin(h * phase) / h;
            }

            var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            var phrase = (t % 2.0) < 1.7 ? 1.0 : 0.0;
            var noise = (random.NextDouble() * 2) - 1;
            samples[i] = (float)(((0.25 * voiced) + (0.02 * noise)) * syllable * phrase);
        }

        return samples;
    }

    /// <summary>16-bit PCM mono WAV bytes.</summary>
    public static byte[] ToWav(float[] samples)
    {
        var bytes = new byte[44 + (samples.Length * 2)];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), Rate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), Rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            var v = (short)Math.Clamp(Math.Round(samples[i] * 32767), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (2 * i)), v);
        }

        return bytes;
    }
}
