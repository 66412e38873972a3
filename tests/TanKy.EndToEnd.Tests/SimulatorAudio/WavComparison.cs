using System.Buffers.Binary;
using System.Text;

namespace TanKy.EndToEnd.Tests.SimulatorAudio;

/// <summary>Reads the nodes' WAV files and compares them with the source by normalised cross-correlation.</summary>
internal static class WavComparison
{
    /// <summary>Samples of a 48 kHz mono 16-bit PCM WAV, scaled to −1…1; fails on any other format.</summary>
    public static float[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("RIFF");
        Encoding.ASCII.GetString(bytes, 8, 4).Should().Be("WAVE");
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)).Should().Be(1, "PCM");
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22)).Should().Be(1, "mono");
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)).Should().Be(48_000u);
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)).Should().Be(16);
        Encoding.ASCII.GetString(bytes, 36, 4).Should().Be("data");
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40));
        length.Should().Be(bytes.Length - 44, "the header's data size is filled in when the stream ends");
        var samples = new float[length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (2 * i))) / 32768f;
        }

        return samples;
    }

    /// <summary>
    /// Correlation of <paramref name="output"/> (whose sample 0 is source sample
    /// <paramref name="sourceOffset"/>) with the source delayed by <paramref name="lag"/>.
    /// </summary>
    public static double Correlation(float[] source, float[] output, int sourceOffset, int lag)
    {
        double xy = 0, xx = 0, yy = 0;
        for (var p = 0; p < output.Length; p++)
        {
            var s = sourceOffset + p - lag;
            if (s < 0 || s >= source.Length)
            {
                continue;
            }

            xy += output[p] * source[s];
            xx += output[p] * output[p];
            yy += source[s] * source[s];
        }

        return xx == 0 || yy == 0 ? 0 : xy / Math.Sqrt(xx * yy);
    }

    /// <summary>The lag in 0…<paramref name="maxLag"/> with the highest correlation.</summary>
    public static (int Lag, double Correlation) BestLag(float[] source, float[] output, int sourceOffset, int maxLag) =>
        Enumerable.Range(0, maxLag + 1)
            .Select(lag => (lag, Correlation(source, output, sourceOffset, lag)))
            .MaxBy(x => x.Item2);

    /// <summary>
    /// Indexes of the <paramref name="frameSamples"/>-long blocks of <paramref name="output"/> that
    /// are exact digital silence: the slots a node left out (a decoded frame of a signal is never
    /// all zeros), plus the blocks missing after the output's end, up to <paramref name="frames"/>.
    /// </summary>
    public static IReadOnlyList<int> SilentFrames(float[] output, int frameSamples, int frames) =>
        Enumerable.Range(0, frames)
            .Where(f => (f + 1) * frameSamples > output.Length || output.AsSpan(f * frameSamples, frameSamples).IndexOfAnyExcept(0f) < 0)
            .ToList();

    /// <summary>
    /// <see cref="Correlation"/> over the output's blocks that are not in <paramref name="silent"/>:
    /// how well what a node did play matches the source, whatever slots it left out.
    /// </summary>
    public static double CorrelationOfPlayed(float[] source, float[] output, int lag, int frameSamples, IReadOnlyList<int> silent)
    {
        var played = (float[])output.Clone();
        foreach (var f in silent.Where(f => f * frameSamples < played.Length))
        {
            played.AsSpan(f * frameSamples, Math.Min(frameSamples, played.Length - (f * frameSamples))).Clear();
        }

        // The source under a left-out slot is left out too, so only the played slots are compared.
        var reference = (float[])source.Clone();
        foreach (var f in silent)
        {
            var from = (f * frameSamples) - lag;
            for (var i = Math.Max(0, from); i < Math.Min(reference.Length, from + frameSamples); i++)
            {
                reference[i] = 0;
            }
        }

        return Correlation(reference, played, 0, lag);
    }
}
