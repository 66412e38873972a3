using NAudio.Wave;
using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.Media;

public sealed class PeakLimiter_Tests
{
    [Fact]
    public void Audio_under_the_ceiling_passes_unchanged_and_aligned()
    {
        var speech = TestAudio.Scale(TestAudio.SpeechLike(1), -12);

        var output = Run(speech, gainDb: 0);

        output.Should().Equal(speech);
    }

    [Fact]
    public void Peaks_are_held_under_the_ceiling_and_length_is_kept()
    {
        var ceiling = (float)Math.Pow(10, -1 / 20.0);
        var speech = TestAudio.SpeechLike(2);

        var output = Run(speech, gainDb: 12, ceiling);

        output.Should().HaveCount(speech.Length);
        AudioAnalyzer.MaxAbs(output).Should().BeLessThanOrEqualTo(ceiling);

        // Away from the peaks the gain is the full +12 dB: the limiter acts locally.
        var quietIndex = Array.FindIndex(speech, s => Math.Abs(s) is > 0.001f and < 0.003f);
        (output[quietIndex] / speech[quietIndex]).Should().BeApproximately((float)Math.Pow(10, 12 / 20.0), 0.4f);
    }

    [Fact]
    public void A_single_full_scale_click_is_ramped_not_stepped()
    {
        var input = new float[4800];
        Array.Fill(input, 0.5f);
        input[2400] = 1f;

        var output = Run(input, gainDb: 0, ceiling: 0.5f);

        output[2400].Should().BeLessThanOrEqualTo(0.5f);
        var gains = output.Select((y, i) => y / input[i]).ToArray();
        gains.Min().Should().BeApproximately(0.5f, 0.001f);
        var steps = gains.Zip(gains.Skip(1), (a, b) => Math.Abs(b - a)).Max();
        steps.Should().BeLessThan(0.01f, "the gain moves over the 5 ms look-ahead, not in one sample");
    }

    private static float[] Run(float[] input, double gainDb, float ceiling = 0.891f)
    {
        var source = new ArraySampleProvider(input);
        return MediaTestBed.ReadAll(new GainLimiterSampleProvider(source, gainDb, ceiling));
    }

    private sealed class ArraySampleProvider(float[] samples) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(48000, 1);

        public int Read(Span<float> buffer)
        {
            var n = Math.Min(buffer.Length, samples.Length - _position);
            samples.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
