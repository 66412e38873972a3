using NAudio.Wave;
using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.Media;

/// <summary>Test signals made in code: sines and a speech-like signal (voiced harmonics and noise, syllable-rate envelope).</summary>
internal static class TestAudio
{
    public static float[] Sine(double frequency, double amplitude, double seconds, int rate = 48000)
    {
        var samples = new float[(int)(seconds * rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate));
        }

        return samples;
    }

    /// <summary>
    /// Roughly speech: a pitch gliding ±20 % around <paramref name="f0"/> (135 Hz: a man's voice)
    /// with 12 falling harmonics, a little breath noise, gated into ~4 syllables per second, and
    /// a pause every 2 s.
    /// </summary>
    public static float[] SpeechLike(double seconds, int rate = 48000, int seed = 7, double f0 = 135)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * rate)];
        var phase = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / rate;
            var pitch = f0 * (1 + (0.2 * Math.Sin(2 * Math.PI * 0.7 * t)));
            phase += 2 * Math.PI * pitch / rate;
            var voiced = 0.0;
            for (var h = 1; h <= 12; h++)
            {
                voiced += Math.Sin(h * phase) / h;
            }

            var syllable = Math.Max(0, Math.Sin(2 * Math.PI * 4 * t));
            var phrase = (t % 2.0) < 1.6 ? 1.0 : 0.0;
            var noise = (random.NextDouble() * 2) - 1;
            samples[i] = (float)(((0.3 * voiced) + (0.03 * noise)) * syllable * phrase);
        }

        return samples;
    }

    public static float[] Scale(float[] samples, double gainDb)
    {
        var g = (float)Math.Pow(10, gainDb / 20);
        return samples.Select(s => s * g).ToArray();
    }

    /// <summary>Scales a mono 48 kHz signal so our meter reads exactly <paramref name="lufs"/>.</summary>
    public static float[] AtLoudness(float[] samples, double lufs) => Scale(samples, lufs - Measure(samples));

    public static double Measure(ReadOnlySpan<float> samples, int rate = 48000)
    {
        var meter = new LoudnessMeter(rate);
        meter.Add(samples);
        return meter.IntegratedLufs();
    }

    /// <summary>A WAV in any format NAudio writes; every channel carries the same signal.</summary>
    public static byte[] Wav(float[] mono, WaveFormat format)
    {
        using var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(new NonClosing(memory), format))
        {
            var frame = new float[format.Channels];
            foreach (var s in mono)
            {
                Array.Fill(frame, s);
                writer.WriteSamples(frame, 0, frame.Length);
            }
        }

        return memory.ToArray();
    }

    public static byte[] Wav16(float[] mono, int rate = 48000, int channels = 1) => Wav(mono, new WaveFormat(rate, 16, channels));

    public static byte[] WavFloat(float[] mono, int rate = 48000, int channels = 1) => Wav(mono, WaveFormat.CreateIeeeFloatWaveFormat(rate, channels));

    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
