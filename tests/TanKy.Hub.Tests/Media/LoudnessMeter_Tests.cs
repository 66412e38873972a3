using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.Media;

public sealed class LoudnessMeter_Tests
{
    [Fact]
    public void Filter_coefficients_rebuilt_for_48_kHz_match_the_standard_table()
    {
        var shelf = KWeighting.Shelf(48000);
        var highPass = KWeighting.HighPass(48000);

        // ITU-R BS.1770-4, tables 1 and 2.
        shelf.B0.Should().BeApproximately(1.53512485958697, 1e-9);
        shelf.B1.Should().BeApproximately(-2.69169618940638, 1e-9);
        shelf.B2.Should().BeApproximately(1.19839281085285, 1e-9);
        shelf.A1.Should().BeApproximately(-1.69065929318241, 1e-9);
        shelf.A2.Should().BeApproximately(0.73248077421585, 1e-9);
        highPass.B0.Should().Be(1);
        highPass.B1.Should().Be(-2);
        highPass.B2.Should().Be(1);
        highPass.A1.Should().BeApproximately(-1.99004745483398, 1e-9);
        highPass.A2.Should().BeApproximately(0.99007225036621, 1e-9);
    }

    [Theory]
    [InlineData(1000, -20, -23.0)]
    [InlineData(997, -20, -23.0)]
    [InlineData(997, 0, -3.01)]
    [InlineData(1000, -40, -43.0)]
    public void A_mono_sine_reads_its_reference_loudness(double frequency, double peakDbfs, double expectedLufs)
    {
        var sine = TestAudio.Sine(frequency, Math.Pow(10, peakDbfs / 20), seconds: 5);

        TestAudio.Measure(sine).Should().BeApproximately(expectedLufs, 0.1);
    }

    [Fact]
    public void Chunking_does_not_change_the_result()
    {
        var speech = TestAudio.SpeechLike(6);
        var meter = new LoudnessMeter();
        for (var i = 0; i < speech.Length; i += 1234)
        {
            meter.Add(speech.AsSpan(i, Math.Min(1234, speech.Length - i)));
        }

        meter.IntegratedLufs().Should().BeApproximately(TestAudio.Measure(speech), 1e-9);
    }

    [Fact]
    public void Silence_is_gated_out_and_pauses_do_not_lower_the_reading()
    {
        TestAudio.Measure(new float[48000 * 3]).Should().Be(double.NegativeInfinity);

        var tone = TestAudio.Sine(1000, 0.1, 3);
        var withPause = tone.Concat(new float[48000 * 3]).ToArray();

        // Ungated, half silence would read 3 dB lower; only the blocks straddling the edge count a little.
        TestAudio.Measure(withPause).Should().BeApproximately(TestAudio.Measure(tone), 0.3);
    }

    [Fact]
    public void The_relative_gate_ignores_a_quiet_passage_10_LU_down()
    {
        var loud = TestAudio.Sine(1000, 0.1, 4);
        var quiet = TestAudio.Sine(1000, 0.1 * Math.Pow(10, -25 / 20.0), 4);

        TestAudio.Measure(loud.Concat(quiet).ToArray()).Should().BeApproximately(TestAudio.Measure(loud), 0.2);
    }
}
