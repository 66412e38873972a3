using NAudio.Wave;
using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.Media;

/// <summary>Every refusal has its own stable reason, a Vietnamese-first message, and leaves nothing behind.</summary>
public sealed class MediaRejection_Tests
{
    private static readonly byte[] GoodWav = TestAudio.Wav16(TestAudio.SpeechLike(1.0));

    public static TheoryData<string, MediaRejectionReason> Cases() => new()
    {
        { "zero-length", MediaRejectionReason.Empty },
        { "wav-without-samples", MediaRejectionReason.Empty },
        { "truncated-wav-data", MediaRejectionReason.Truncated },
        { "truncated-wav-header", MediaRejectionReason.Truncated },
        { "truncated-mp3", MediaRejectionReason.Truncated },
        { "mp3-tag-then-garbage", MediaRejectionReason.Truncated },
        { "garbage-named-mp3", MediaRejectionReason.WrongHeader },
        { "png-named-wav", MediaRejectionReason.WrongHeader },
        { "text-named-wav", MediaRejectionReason.WrongHeader },
        { "8-bit", MediaRejectionReason.UnsupportedFormat },
        { "96-khz", MediaRejectionReason.UnsupportedFormat },
        { "6-channels", MediaRejectionReason.UnsupportedFormat },
        { "adpcm", MediaRejectionReason.UnsupportedFormat },
        { "rf64", MediaRejectionReason.UnsupportedFormat },
        { "over-max-size", MediaRejectionReason.TooLarge },
        { "over-max-duration-wav", MediaRejectionReason.TooLong },
        { "over-max-duration-mp3", MediaRejectionReason.TooLong },
        { "digital-silence", MediaRejectionReason.Silent },
        { "blank-title", MediaRejectionReason.InvalidTitle },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_upload_is_refused_with_its_own_reason_and_nothing_is_stored(string name, MediaRejectionReason expected)
    {
        using var bed = new MediaTestBed(o =>
        {
            o.MaxUploadBytes = 200_000;
            o.MaxDurationSeconds = 1;
        });
        var (bytes, fileName, title) = Make(name);

        var result = await bed.Import(bytes, fileName, title);

        result.Succeeded.Should().BeFalse();
        result.Rejection!.Reason.Should().Be(expected, result.Rejection.Detail);
        result.Rejection.Code.Should().MatchRegex("^[a-z-]+$");
        result.Rejection.Text("vi").Should().NotStartWith("[", "every refusal has a Vietnamese text");
        result.Rejection.Text("en").Should().NotStartWith("[", "and an English one");
        result.Rejection.Text("vi").Should().NotBe(result.Rejection.Text("en"));
        bed.RowCount().Should().Be(0);
        bed.Files().Should().BeEmpty();
        bed.ItemDirectories().Should().BeEmpty();
    }

    [Fact]
    public void Every_reason_has_a_distinct_wire_code()
    {
        var codes = Enum.GetValues<MediaRejectionReason>().Select(MediaRejection.ToCode).ToList();

        codes.Should().OnlyHaveUniqueItems();
    }

    private static (byte[] Bytes, string FileName, string Title) Make(string name) => name switch
    {
        "zero-length" => ([], "empty.wav", "t"),
        "wav-without-samples" => (TestAudio.Wav16([]), "empty.wav", "t"),
        "truncated-wav-data" => (GoodWav[..(GoodWav.Length / 2)], "cut.wav", "t"),
        "truncated-wav-header" => (GoodWav[..30], "cut.wav", "t"),
        "truncated-mp3" => (Mp3Fixtures.Stereo44k[..200], "cut.mp3", "t"),
        "mp3-tag-then-garbage" => (Mp3Fixtures.Stereo44k[..70].Concat(Garbage(5000)).ToArray(), "bad.mp3", "t"),
        "garbage-named-mp3" => (Garbage(5000), "noise.mp3", "t"),
        "png-named-wav" => (Png(), "photo.wav", "t"),
        "text-named-wav" => ("Kính thưa bà con khối 1…\n"u8.ToArray(), "notes.wav", "t"),
        "8-bit" => (Wav8(TestAudio.SpeechLike(0.5, 16000)), "8bit.wav", "t"),
        "96-khz" => (TestAudio.Wav(TestAudio.SpeechLike(0.2, 96000), new WaveFormat(96000, 16, 1)), "hires.wav", "t"),
        "6-channels" => (TestAudio.Wav(TestAudio.SpeechLike(0.2), new WaveFormat(48000, 16, 6)), "surround.wav", "t"),
        "adpcm" => (AdpcmWav(), "adpcm.wav", "t"),
        "rf64" => (Rf64(), "big.wav", "t"),
        "over-max-size" => (TestAudio.Wav16(TestAudio.SpeechLike(0.9, 44100), 44100, 2).Concat(new byte[60_000]).ToArray(), "big.wav", "t"),
        "over-max-duration-wav" => (TestAudio.Wav16(TestAudio.SpeechLike(1.5, 16000), 16000), "long.wav", "t"),
        "over-max-duration-mp3" => (Mp3Fixtures.Stereo44k, "long.mp3", "t"),
        "digital-silence" => (TestAudio.Wav16(new float[24000]), "silence.wav", "t"),
        "blank-title" => (GoodWav, "ok.wav", "  "),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static byte[] Garbage(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x17; // not an MPEG sync byte
        return bytes;
    }

    private static byte[] Png() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89];

    private static byte[] AdpcmWav()
    {
        using var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(memory, new AdpcmWaveFormat(8000, 1)))
        {
            writer.Write(new byte[4096], 0, 4096);
            writer.Flush();
            return memory.ToArray();
        }
    }

    private static byte[] Wav8(float[] mono)
    {
        using var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(memory, new WaveFormat(16000, 8, 1)))
        {
            var bytes = mono.Select(s => (byte)(128 + (s * 127))).ToArray();
            writer.Write(bytes, 0, bytes.Length);
            writer.Flush();
            return memory.ToArray();
        }
    }

    private static byte[] Rf64()
    {
        var bytes = (byte[])GoodWav.Clone();
        "RF64"u8.CopyTo(bytes);
        return bytes;
    }
}
