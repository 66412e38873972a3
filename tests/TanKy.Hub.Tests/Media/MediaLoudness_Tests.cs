using TanKy.Hub.Media;
using Xunit.Abstractions;

namespace TanKy.Hub.Tests.Media;

/// <summary>Normalisation to −16 LUFS, checked on the processed audio and on the Opus decoded back.</summary>
public sealed class MediaLoudness_Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(-30.0, true)]
    [InlineData(-10.0, true)]
    [InlineData(-30.0, false)]
    [InlineData(-10.0, false)]
    public async Task Quiet_and_loud_recordings_end_within_1_LU_of_the_target(double sourceLufs, bool compensate)
    {
        using var bed = new MediaTestBed(o => o.CompensateCodecLoss = compensate);
        var speech = TestAudio.AtLoudness(TestAudio.SpeechLike(8), sourceLufs);
        TestAudio.Measure(speech).Should().BeApproximately(sourceLufs, 0.01);

        // Float WAV: a −10 LUFS recording peaks above 0 dBFS and would clip in 16-bit.
        var result = await bed.Import(TestAudio.WavFloat(speech), $"speech{sourceLufs}.wav");

        var item = result.Item!;
        var decoded = bed.DecodeStream(item.Id);
        var decodedLufs = TestAudio.Measure(decoded);
        output.WriteLine($"source {sourceLufs} LUFS (compensate {compensate}): measured {item.LoudnessLufsBefore}, gain {item.GainDb} dB, after {item.LoudnessLufsAfter}, decoded opus {decodedLufs:0.00}, peak before {item.PeakDbfsBefore} dBFS");
        item.LoudnessLufsBefore.Should().BeApproximately(sourceLufs, 0.05);
        if (compensate)
        {
            // The codec's share is added on top of the plain normalisation gain.
            item.GainDb.Should().BeInRange(-16 - sourceLufs, -16 - sourceLufs + 1.5);
            decodedLufs.Should().BeApproximately(-16, 0.5);
        }
        else
        {
            item.GainDb.Should().BeApproximately(-16 - sourceLufs, 0.05);
        }

        item.LoudnessLufsAfter.Should().BeApproximately(-16, 1);
        decodedLufs.Should().BeApproximately(-16, 1);
        item.LoudnessLufsStream.Should().BeApproximately(decodedLufs, 0.05, "the importer meters the same decoded stream");
    }

    /// <summary>
    /// Waveform check of the whole chain. Two codec facts shape it (measured, see the report):
    /// the VOIP encoder high-passes the input, so a low male fundamental loses phase and level
    /// (we use a 210 Hz announcer voice here); and in SILK mode the decoded audio leads the
    /// nominal pre-skip by ~5–8 samples (0.1–0.2 ms), so we align by pre-skip and then allow
    /// ±16 samples for that offset, and check the best lag really is next to pre-skip.
    /// </summary>
    [Fact]
    public async Task Decoded_opus_matches_the_normalised_source_when_aligned_by_pre_skip()
    {
        using var bed = new MediaTestBed();
        var voice = TestAudio.AtLoudness(TestAudio.SpeechLike(6, 44100, seed: 3, f0: 210), -24);
        var item = (await bed.Import(TestAudio.Wav16(voice, 44100, 2))).Item!;

        var processed = bed.RenderProcessed(item);
        var decoded = bed.DecodeStream(item.Id, extra: 16);

        processed.Length.Should().Be((int)item.Samples);
        (item.Samples / 48000.0).Should().BeApproximately(6.0, 0.01);
        var atPreSkip = MediaTestBed.Correlation(processed, decoded, 16);
        var best = Enumerable.Range(-16, 33).Select(lag => (Lag: lag, R: MediaTestBed.Correlation(processed, decoded, 16 + lag))).MaxBy(x => x.R);
        output.WriteLine($"pre-skip {item.PreSkip}, frames {item.Frames}, {item.StreamBytes} bytes; r at pre-skip {atPreSkip:0.000}, best r {best.R:0.000} at pre-skip {best.Lag:+0;-0}");
        best.R.Should().BeGreaterThanOrEqualTo(0.9);
        atPreSkip.Should().BeGreaterThan(0.8);
    }

    [Fact]
    public async Task Quiet_material_with_high_peaks_reaches_the_target_and_stays_under_the_ceiling()
    {
        using var bed = new MediaTestBed();

        // Quiet speech with a loud click every second: a gain cap alone would stop at the clicks.
        var speech = TestAudio.AtLoudness(TestAudio.SpeechLike(6), -32);
        for (var i = 24000; i < speech.Length; i += 48000)
        {
            speech[i] = 0.95f;
            speech[i + 1] = -0.95f;
        }

        var item = (await bed.Import(TestAudio.WavFloat(speech))).Item!;
        var processed = bed.RenderProcessed(item);

        output.WriteLine($"clicks: before {item.LoudnessLufsBefore}, gain {item.GainDb} dB, after {item.LoudnessLufsAfter}, opus {item.LoudnessLufsStream}");
        AudioAnalyzer.MaxAbs(processed).Should().BeLessThanOrEqualTo((float)bed.Options.CeilingLinear);
        item.LoudnessLufsAfter.Should().BeApproximately(-16, 1);
        item.PeakDbfsBefore.Should().BeGreaterThan(-1);
    }

    [Fact]
    public async Task A_near_silent_recording_gets_at_most_MaxGainDb()
    {
        using var bed = new MediaTestBed();
        var faint = TestAudio.AtLoudness(TestAudio.SpeechLike(3), -60);

        var item = (await bed.Import(TestAudio.WavFloat(faint))).Item!;

        item.GainDb.Should().Be(30);
        item.LoudnessLufsAfter.Should().BeApproximately(-30, 0.5);
    }
}
