using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using Xunit.Abstractions;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>
/// The relay leveller on generated signals, measured with the media library's BS.1770 meter (a
/// separate implementation from the leveller's own K-weighting): sources at −30 and −10 LUFS come
/// out at −16 ± 1 LUFS once <see cref="SettlingTime"/> has passed.
/// </summary>
public sealed class RelayLeveller_Tests(ITestOutputHelper output)
{
    /// <summary>The figure the docs give (hub/docs/relay.md, Levelling): output within ±1 LU of the target after this.</summary>
    public static readonly TimeSpan SettlingTime = TimeSpan.FromSeconds(5);

    private const int Frame = AudioSourceFormat.FrameSamples;

    [Theory]
    [InlineData("noise", -30.0)]
    [InlineData("noise", -10.0)]
    [InlineData("speech", -30.0)]
    [InlineData("speech", -10.0)]
    public void A_source_at_minus_30_or_minus_10_LUFS_comes_out_at_minus_16_within_1_LU(string kind, double sourceLufs)
    {
        var input = Calibrated(kind == "noise" ? Noise(60) : SpeechSignal.Generate(60), sourceLufs);
        var leveller = new RelayLeveller(new RelayOptions());

        var levelled = Run(leveller, input);

        var settled = Measure(levelled.AsSpan((int)(SettlingTime.TotalSeconds * AudioSourceFormat.SampleRate)));
        output.WriteLine($"{kind} at {sourceLufs} LUFS: settled output {settled:0.00} LUFS, gain {leveller.GainDb:0.0} dB, first ±1 LU 3 s window at {FirstSettled(levelled):0.0} s");
        settled.Should().BeInRange(-17, -15);
        Peak(levelled).Should().BeLessThanOrEqualTo((float)Math.Pow(10, -1 / 20.0) + 1e-6f, "the limiter holds the −1 dBFS ceiling");
    }

    [Fact]
    public void Silence_and_a_dead_carrier_are_not_amplified_and_the_gain_is_kept_for_when_the_programme_returns()
    {
        var leveller = new RelayLeveller(new RelayOptions());
        var programme = Calibrated(Noise(20), -30);
        Run(leveller, programme);
        var gain = leveller.GainDb;
        gain.Should().BeApproximately(14, 1.5);

        // 30 s of a dead carrier's hiss at −65 LUFS: under the −50 LUFS gate, so the gain freezes.
        var hiss = Calibrated(Noise(30, seed: 5), -65);
        var levelledHiss = Run(leveller, hiss);

        // The few blocks that straddle the end of the programme still count, hence a fraction of a dB.
        leveller.GainDb.Should().BeApproximately(gain, 0.5);
        leveller.FrozenBlocks.Should().BeGreaterThan(250);
        Measure(levelledHiss.AsSpan(AudioSourceFormat.SampleRate)).Should().BeLessThan(-65 + gain + 0.5, "hiss is only raised by the programme's gain, never pulled up to the target");
    }

    [Fact]
    public void Pauses_between_phrases_do_not_pull_the_gain_up()
    {
        // Speech has 0.3 s pauses every 2 s: the gain must not climb in them (relative gate).
        var leveller = new RelayLeveller(new RelayOptions());
        var input = Calibrated(SpeechSignal.Generate(40), -24);
        var gains = new List<double>();
        for (var at = 0; at + Frame <= input.Length; at += Frame)
        {
            leveller.Process(input.AsSpan(at, Frame));
            gains.Add(leveller.GainDb);
        }

        var late = gains.Skip(gains.Count / 2).ToList();
        (late.Max() - late.Min()).Should().BeLessThan(1.5, "a slow gain rides through pauses without pumping");
    }

    internal static float[] Run(RelayLeveller leveller, float[] input)
    {
        var output = (float[])input.Clone();
        for (var at = 0; at + Frame <= output.Length; at += Frame)
        {
            leveller.Process(output.AsSpan(at, Frame));
        }

        return output;
    }

    internal static double Measure(ReadOnlySpan<float> samples)
    {
        var meter = new LoudnessMeter();
        meter.Add(samples);
        return meter.IntegratedLufs();
    }

    internal static float[] Calibrated(float[] signal, double lufs)
    {
        var gain = (float)Math.Pow(10, (lufs - Measure(signal)) / 20);
        return signal.Select(s => s * gain).ToArray();
    }

    internal static float[] Noise(double seconds, int seed = 3)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * AudioSourceFormat.SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            // Sum of uniforms: near-Gaussian, bounded.
            samples[i] = (float)((random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 0.2);
        }

        return samples;
    }

    private static float Peak(float[] samples) => samples.Max(Math.Abs);

    // When the output's loudness over a sliding 3 s window first stays within ±1 LU of the target (for the docs' figure).
    private static double FirstSettled(float[] output)
    {
        var window = 3 * AudioSourceFormat.SampleRate;
        var step = AudioSourceFormat.SampleRate / 2;
        double? since = null;
        for (var at = 0; at + window <= output.Length; at += step)
        {
            var l = Measure(output.AsSpan(at, window));
            if (Math.Abs(l + 16) <= 1)
            {
                since ??= (at + window) / (double)AudioSourceFormat.SampleRate;
            }
            else
            {
                since = null;
            }
        }

        return since ?? double.NaN;
    }
}
