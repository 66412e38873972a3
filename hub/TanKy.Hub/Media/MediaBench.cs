using System.Diagnostics;
using NAudio.Wave;

namespace TanKy.Hub.Media;

/// <summary>One encode measurement for TanKy.Bench: how many times faster than real time.</summary>
internal sealed record MediaBenchResult(double AudioSeconds, double EncodeSeconds, int Frames, long StreamBytes, bool Native)
{
    public double TimesRealTime => EncodeSeconds > 0 ? AudioSeconds / EncodeSeconds : double.PositiveInfinity;
}

/// <summary>
/// What the benchmark project needs: the import's encode stage (Opus encode plus the decode-back
/// loudness probe, exactly as an import runs it) on audio already in memory, mono 48 kHz.
/// </summary>
internal static class MediaBench
{
    public static MediaBenchResult MeasureEncode(float[] mono48k, MediaOptions options)
    {
        using var output = new MemoryStream();
        var clock = Stopwatch.StartNew();
        var result = OpusClipEncoder.Encode(new ArraySource(mono48k), options, output, CancellationToken.None);
        clock.Stop();
        return new MediaBenchResult((double)mono48k.Length / MediaFormat.SampleRate, clock.Elapsed.TotalSeconds, result.Frames, output.Length, result.Native);
    }

    private sealed class ArraySource(float[] samples) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(MediaFormat.SampleRate, 1);

        public int Read(Span<float> buffer)
        {
            var n = Math.Min(buffer.Length, samples.Length - _position);
            samples.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
