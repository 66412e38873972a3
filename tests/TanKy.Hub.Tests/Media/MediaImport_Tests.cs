using NAudio.Wave;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Media;

public sealed class MediaImport_Tests
{
    [Theory]
    [InlineData(8000, 16, 1)]
    [InlineData(16000, 24, 1)]
    [InlineData(22050, 16, 2)]
    [InlineData(44100, 24, 2)]
    [InlineData(48000, 32, 1)]
    [InlineData(32000, 32, 2)]
    public async Task Accepted_wav_formats_are_stored_as_48_kHz_mono_opus_of_the_right_length(int rate, int bits, int channels)
    {
        using var bed = new MediaTestBed();
        var speech = TestAudio.SpeechLike(2.0, rate);
        var format = bits == 32 ? WaveFormat.CreateIeeeFloatWaveFormat(rate, channels) : new WaveFormat(rate, bits, channels);

        var result = await bed.Import(TestAudio.Wav(speech, format));

        result.Succeeded.Should().BeTrue(result.Rejection?.Detail);
        var item = result.Item!;
        item.OriginalFormat.Should().Be("wav");
        item.SourceSampleRate.Should().Be(rate);
        item.SourceChannels.Should().Be(channels);
        item.DurationMs.Should().BeCloseTo(2000, 25);
        item.Id.Should().MatchRegex("^m-[a-z2-7]{10}$");
        item.Frames.Should().Be((int)Math.Ceiling((item.Samples + item.PreSkip) / 960.0));
        File.Exists(Path.Combine(bed.Library.ItemDirectory(item.Id), "original.wav")).Should().BeTrue();
        bed.Library.Get(item.Id).Should().Be(item);
        bed.Files().Should().HaveCount(2, "original + stream, staging emptied");
    }

    [Theory]
    [InlineData(24)]
    [InlineData(32)]
    public async Task Wave_format_extensible_files_are_accepted(int bits)
    {
        using var bed = new MediaTestBed();

        var result = await bed.Import(TestAudio.Wav(TestAudio.SpeechLike(1), new WaveFormatExtensible(48000, bits, 2)));

        result.Succeeded.Should().BeTrue(result.Rejection?.Detail);
        result.Item!.LoudnessLufsAfter.Should().BeApproximately(-16, 1);
    }

    [Fact]
    public async Task Asking_for_native_libopus_works_whether_or_not_it_is_installed()
    {
        using var bed = new MediaTestBed(o => o.UseNativeOpus = true);

        var result = await bed.Import(TestAudio.Wav16(TestAudio.SpeechLike(1)));

        result.Succeeded.Should().BeTrue();
        bed.DecodeStream(result.Item!.Id).Should().HaveCount((int)result.Item.Samples);
    }

    [Fact]
    public void Settings_the_stream_format_cannot_honour_are_refused_at_start()
    {
        var act = () => new MediaTestBed(o => o.FrameMs = 10);

        act.Should().Throw<InvalidOperationException>().WithMessage("*FrameMs*");
    }

    [Fact]
    public async Task The_format_is_judged_by_content_not_by_the_file_name()
    {
        using var bed = new MediaTestBed();

        var result = await bed.Import(TestAudio.Wav16(TestAudio.SpeechLike(1)), "really-a-wav.mp3");

        result.Item!.OriginalFormat.Should().Be("wav");
        result.Item.OriginalName.Should().Be("really-a-wav.mp3");
    }

    [Theory]
    [InlineData("stereo44k", 44100, 2, 1500)]
    [InlineData("mono16k", 16000, 1, 1000)]
    public async Task Mp3_uploads_are_decoded_with_nlayer(string fixture, int rate, int channels, int durationMs)
    {
        using var bed = new MediaTestBed();
        var bytes = fixture == "stereo44k" ? Mp3Fixtures.Stereo44k : Mp3Fixtures.Mono16k;

        var result = await bed.Import(bytes, "ban-tin.mp3");

        result.Succeeded.Should().BeTrue(result.Rejection?.Detail);
        result.Item!.OriginalFormat.Should().Be("mp3");
        result.Item.SourceSampleRate.Should().Be(rate);
        result.Item.SourceChannels.Should().Be(channels);

        // MP3 adds encoder delay and padding (a few frames) around the audio.
        result.Item.DurationMs.Should().BeInRange(durationMs, durationMs + 150);
        result.Item.LoudnessLufsAfter.Should().BeApproximately(-16, 1);
    }

    [Fact]
    public async Task Identical_bytes_return_the_existing_item_and_store_nothing_new()
    {
        using var bed = new MediaTestBed();
        var wav = TestAudio.Wav16(TestAudio.SpeechLike(1));
        var first = await bed.Import(wav, "a.wav", "Lần 1");

        var second = await bed.Import(wav, "b.wav", "Lần 2");

        second.Duplicate.Should().BeTrue();
        second.Item.Should().Be(first.Item);
        bed.RowCount().Should().Be(1);
        bed.ItemDirectories().Should().HaveCount(1);
    }

    [Fact]
    public async Task Delete_removes_the_row_and_the_files()
    {
        using var bed = new MediaTestBed();
        var item = (await bed.Import(TestAudio.Wav16(TestAudio.SpeechLike(1)))).Item!;

        bed.Library.Delete(item.Id).Should().BeTrue();

        bed.Library.Get(item.Id).Should().BeNull();
        bed.Library.OpenStream(item.Id).Should().BeNull();
        bed.ItemDirectories().Should().BeEmpty();
        bed.Library.Delete(item.Id).Should().BeFalse();
    }

    [Theory]
    [InlineData("m-unknown123")]
    [InlineData("../../etc")]
    [InlineData("")]
    public void Unknown_or_malformed_ids_find_nothing(string id)
    {
        using var bed = new MediaTestBed();

        bed.Library.Get(id).Should().BeNull();
        bed.Library.OpenStream(id).Should().BeNull();
        bed.Library.Delete(id).Should().BeFalse();
    }

    [Fact]
    public async Task Start_up_clean_up_removes_old_debris_but_not_items_or_a_concurrent_import()
    {
        using var bed = new MediaTestBed();
        var item = (await bed.Import(TestAudio.Wav16(TestAudio.SpeechLike(1)))).Item!;
        var crashedAfterMove = Directory.CreateDirectory(Path.Combine(bed.MediaRoot, "m-aaaaaaaaaa")).FullName;
        var crashedInStaging = Directory.CreateDirectory(Path.Combine(bed.MediaRoot, ".staging", "abc")).FullName;
        File.WriteAllText(Path.Combine(crashedInStaging, "upload.bin"), "x");
        var runningElsewhere = Directory.CreateDirectory(Path.Combine(bed.MediaRoot, ".staging", "def")).FullName;
        // The library compares the times it reads with its (fake) clock: set them as it will read them.
        var now = bed.Dir.Time.GetUtcNow();
        var old = now - TimeSpan.FromHours(1);
        FileTimes.SetLastWriteTimeAsSeen(crashedAfterMove, old);
        FileTimes.SetLastWriteTimeAsSeen(crashedInStaging, old);
        FileTimes.SetLastWriteTimeAsSeen(bed.Library.ItemDirectory(item.Id), old);
        FileTimes.SetLastWriteTimeAsSeen(runningElsewhere, now);

        bed.Library.CleanUp().Should().Be(2);

        Directory.Exists(crashedAfterMove).Should().BeFalse();
        Directory.Exists(crashedInStaging).Should().BeFalse();
        Directory.Exists(runningElsewhere).Should().BeTrue();
        bed.Library.OpenStream(item.Id).Should().NotBeNull();
    }

    [Fact]
    public async Task A_damaged_stream_file_is_an_error_not_a_wrong_clip()
    {
        using var bed = new MediaTestBed();
        var item = (await bed.Import(TestAudio.Wav16(TestAudio.SpeechLike(1)))).Item!;
        var path = Path.Combine(bed.Library.ItemDirectory(item.Id), "stream.opuspk");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);

        var act = () => bed.Library.OpenStream(item.Id);

        act.Should().Throw<InvalidDataException>();
    }
}
