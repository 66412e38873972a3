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
}
