using TanKy.Hub.Shared.Text;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NAudio.Wave;
using TanKy.Hub.Media.Speech;
using TanKy.Hub.Tests.Media;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>Speech through Debian's espeak-ng (installed by .ci/run), into the real media pipeline.</summary>
public sealed class Speech_Tests : IDisposable
{
    private const string Typhoon = "Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp";
    private readonly string _work = Directory.CreateTempSubdirectory("tanky-speech-test-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static EspeakSpeechSynthesizer Synth(Action<SpeechOptions>? configure = null)
    {
        File.Exists("/usr/bin/espeak-ng").Should().BeTrue("Debian's espeak-ng must be installed (.ci/run installs it)");
        var o = new SpeechOptions();
        configure?.Invoke(o);
        return new EspeakSpeechSynthesizer(Microsoft.Extensions.Options.Options.Create(o), NullLogger<EspeakSpeechSynthesizer>.Instance);
    }

    [Fact]
    public async Task The_output_is_a_valid_wav_whose_duration_is_reported()
    {
        var speech = await Synth().SynthesizeAsync(Typhoon, CancellationToken.None);

        using var reader = new WaveFileReader(new MemoryStream(speech.Wav));
        reader.WaveFormat.Encoding.Should().Be(WaveFormatEncoding.Pcm);
        reader.TotalTime.Should().BeGreaterThan(TimeSpan.FromSeconds(1));
        speech.Duration.Should().Be(reader.TotalTime);
        speech.Voice.Should().Be("vi-vn-x-central");
        PeakOf(reader).Should().BeGreaterThan(0.05f, "it is speech, not silence");
    }

    [Fact]
    public async Task Duration_grows_with_text_length()
    {
        var synth = Synth();

        var shortSpeech = await synth.SynthesizeAsync("Bão số 3.", CancellationToken.None);
        var longSpeech = await synth.SynthesizeAsync(Typhoon + ". Bà con vùng trũng thấp di chuyển đến nhà văn hoá khối, chằng chống nhà cửa, không ra đồng.", CancellationToken.None);

        longSpeech.Duration.Should().BeGreaterThan(shortSpeech.Duration * 3);
    }

    [Fact]
    public async Task The_text_reaches_espeak_on_stdin_as_NFC_UTF8_and_never_on_the_command_line()
    {
        var script = Path.Combine(_work, "espeak-spy");
        await File.WriteAllTextAsync(script, """
            #!/bin/sh
            dir=$(dirname "$0")
            cat > "$dir/stdin.bin"
            printf '%s\n' "$@" > "$dir/args.txt"
            exec /usr/bin/espeak-ng "$@" < "$dir/stdin.bin"
            """.Replace("\r\n", "\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var decomposed = Typhoon.Normalize(NormalizationForm.FormD);

        var speech = await Synth(o => { o.Executable = script; o.Voice = "vi"; }).SynthesizeAsync(decomposed, CancellationToken.None);

        var stdin = await File.ReadAllBytesAsync(Path.Combine(_work, "stdin.bin"));
        stdin.Should().Equal(new UTF8Encoding(false).GetBytes(Typhoon), "precomposed Vietnamese letters, no BOM");
        var args = (await File.ReadAllLinesAsync(Path.Combine(_work, "args.txt"))).ToList();
        args.Should().ContainInOrder("-v", "vi").And.Contain("--stdin").And.Contain("-b");
        args.Should().NotContain(a => a.Contains("Bão", StringComparison.Ordinal));
        speech.Text.Should().Be(Typhoon);
    }

    [Theory]
    [InlineData("", "trống")]
    [InlineData("   \n\t ", "trống")]
    [InlineData("Bão số 3\u0007 đổ bộ", "U+0007")]
    [InlineData("Bão\u202E số 3", "U+202E")]
    [InlineData("!!! ... ???", "không có chữ")]
    public async Task Bad_text_is_refused_with_reasons_before_espeak_runs(string text, string reason)
    {
        var act = () => Synth(o => o.Executable = "/nonexistent/espeak").SynthesizeAsync(text, CancellationToken.None);

        var problem = (await act.Should().ThrowAsync<SpeechException>()).Which.Problems.Should().ContainSingle().Subject;
        HubText.Default.Render(problem, "vi").Should().Contain(reason);
        HubText.Default.Render(problem, "en").Should().NotBe(HubText.Default.Render(problem, "vi"), "every problem has its English text");
    }

    [Fact]
    public void Text_is_normalised_and_limited()
    {
        TextValidator.Validate(Typhoon.Normalize(NormalizationForm.FormD), 1000).Text.Should().Be(Typhoon);
        TextValidator.Validate("  Bão   số 3\r\nđổ bộ ", 1000).Text.Should().Be("Bão số 3 đổ bộ");
        HubText.Default.Render(TextValidator.Validate(new string('a', 1001), 1000).Problems.Should().ContainSingle().Subject, "en").Should().Contain("1001 characters, at most 1000");
    }

    [Fact]
    public async Task A_missing_engine_is_a_clear_error()
    {
        var act = () => Synth(o => o.Executable = "/nonexistent/espeak-ng").SynthesizeAsync(Typhoon, CancellationToken.None);

        (await act.Should().ThrowAsync<SpeechException>()).Which.Message.Should().Contain("install the Debian package espeak-ng");
    }

    [Fact]
    public async Task Speech_goes_through_the_media_library_and_becomes_a_media_item()
    {
        using var bed = new MediaTestBed();
        var media = new SpeechMedia(Synth(), bed.Library, NullLogger<SpeechMedia>.Instance);

        var result = await media.CreateAsync(Typhoon, "Cảnh báo: " + Typhoon, "van-hoa", CancellationToken.None);

        var item = bed.Library.Get(result.Item.Id)!;
        item.Title.Should().Be("Cảnh báo: Bão số 3 đổ… – 28/11/2026", "speech is titled by its first words and the date (issue #17)");
        item.Kind.Should().Be(TanKy.Hub.Media.MediaKind.Speech);
        item.DurationMs.Should().BeCloseTo((long)result.Speech.Duration.TotalMilliseconds, 50);
        item.LoudnessLufsAfter.Should().BeApproximately(bed.Options.TargetLufs, 1.0);
        bed.Library.OpenStream(item.Id)!.Packets.Should().NotBeEmpty();
    }

    private static float PeakOf(WaveFileReader reader)
    {
        var samples = reader.ToSampleProvider();
        var buffer = new float[4096];
        var peak = 0f;
        int n;
        while ((n = samples.Read(buffer.AsSpan())) > 0)
        {
            peak = Math.Max(peak, buffer.AsSpan(0, n).ToArray().Max(Math.Abs));
        }

        return peak;
    }
}
