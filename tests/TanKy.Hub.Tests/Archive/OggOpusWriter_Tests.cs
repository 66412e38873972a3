using Xunit.Abstractions;
using System.Text.Json;
using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

public sealed class OggOpusWriter_Tests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tanky-ogg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(3.37)]
    [InlineData(0.5)]
    public async Task Concentus_audio_makes_a_file_ffprobe_and_ffmpeg_accept_with_the_source_duration(double seconds)
    {
        var audio = OpusTestAudio.Encode((long)Math.Round(seconds * 48000));
        var file = await WriteAsync(audio, Tags());

        using var probe = FfTools.Probe(file);
        var stream = probe.RootElement.GetProperty("streams")[0];
        stream.GetProperty("codec_name").GetString().Should().Be("opus");
        stream.GetProperty("sample_rate").GetString().Should().Be("48000");
        stream.GetProperty("channels").GetInt32().Should().Be(1);
        var format = probe.RootElement.GetProperty("format");
        var duration = double.Parse(format.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"source {audio.SourceSeconds:F4} s, ffprobe format duration {duration:F4} s, stream duration {stream.GetProperty("duration").GetString()}");
        duration.Should().BeApproximately(audio.SourceSeconds, 0.040);
        var tags = format.TryGetProperty("tags", out var t) ? t : stream.GetProperty("tags");
        Tag(tags, "TITLE").Should().Be("Thông báo lịch tiêm chủng");
        Tag(tags, "CLASS").Should().Be("priority");
        Tag(tags, "ZONES").Should().Be("khoi-1,xom-3");
        Tag(tags, "BROADCAST_ID").Should().Be("bc-20261128-0600");
        FfTools.DecodeErrors(file).Should().BeEmpty();

        // ffprobe's duration counts the pre-skip (ffmpeg's own files show the same 6.5 ms);
        // the decoded output shows that pre-skip and end trimming are applied exactly.
        var decoded = FfTools.DecodedSamples(file);
        output.WriteLine($"ffmpeg decodes {decoded} samples for {audio.SourceSamples} source samples");
        decoded.Should().Be(audio.SourceSamples);
    }

    [Fact]
    public async Task Pre_skip_lines_the_decoded_audio_up_with_the_source()
    {
        var audio = OpusTestAudio.Encode(48000 * 2);
        var pcm = FfTools.Decode(await WriteAsync(audio, Tags()));

        var source = Enumerable.Range(0, pcm.Length + 400).Select(n => OpusTestAudio.Signal(n)).ToArray();

        // Cross-correlate decoded and source audio: with the right pre-skip the best lag is ~0
        // (the codec's own filters shift the phase by a sample or two); a wrong one gives ±312.
        var best = Enumerable.Range(-400, 801).MaxBy(lag => Correlation(pcm, source, lag));

        output.WriteLine($"best lag {best} samples (pre-skip {audio.PreSkip})");
        best.Should().BeInRange(-8, 8);
    }

    [Fact]
    public async Task Granules_count_decoded_samples_with_pre_skip_and_the_last_page_trims_the_padding()
    {
        var audio = OpusTestAudio.Encode(150_000);
        var file = await WriteAsync(audio, Tags());

        var pages = ReadPages(file);
        var audioPages = pages.Skip(2).ToList();
        pages[0].Should().Match<OggPage>(p => p.HeaderType == OggHeaderType.BeginOfStream && p.GranulePosition == 0 && p.Segments.Length == 1);
        pages[1].GranulePosition.Should().Be(0);
        audioPages[0].GranulePosition.Should().Be(50 * 960, "one second of 20 ms packets completes on the first audio page");
        audioPages.Select(p => p.GranulePosition).Should().BeInAscendingOrder();
        audioPages.Should().OnlyContain(p => p.Body.Length <= OggOpusWriter.MaxPageBytes);
        audioPages[..^1].Should().OnlyContain(p => p.HeaderType == OggHeaderType.None);
        audioPages[^1].HeaderType.Should().Be(OggHeaderType.EndOfStream);

        var decoded = audio.Packets.Count * 960L;
        audioPages[^1].GranulePosition.Should().Be(audio.PreSkip + audio.SourceSamples).And.BeLessThan(decoded);
        var info = OggOpusReader.ReadFile(file);
        info.IsComplete.Should().BeTrue();
        info.AudioPacketCount.Should().Be(audio.Packets.Count);
        info.DecodedSamples.Should().Be(decoded);
        info.Duration.Should().Be(TimeSpan.FromSeconds(150_000 / 48000.0));
    }

    [Fact]
    public async Task Large_packets_keep_pages_under_4_KB()
    {
        var audio = OpusTestAudio.Encode(96_000, bitrate: 96000);
        var file = await WriteAsync(audio, Tags());

        var audioPages = ReadPages(file).Skip(2).ToList();
        audioPages.Should().HaveCountGreaterThan(4, "2 s at 96 kbit/s is 24 KB");
        audioPages.Should().OnlyContain(p => p.Body.Length <= OggOpusWriter.MaxPageBytes);
        FfTools.DecodeErrors(file).Should().BeEmpty();
    }

    [Fact]
    public async Task The_file_is_readable_while_it_is_still_being_written()
    {
        var audio = OpusTestAudio.Encode(48000 * 3);
        var path = Path.Combine(_dir, "live.opus");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var writer = await OggOpusWriter.CreateAsync(file, new OpusHead(1, audio.PreSkip, 48000), Tags(), 1234);
        foreach (var packet in audio.Packets)
        {
            await writer.AppendAsync(packet, 960);
        }

        var live = OggOpusReader.ReadFile(path);

        live.HasEndOfStream.Should().BeFalse();
        live.StopReason.Should().BeNull();
        live.Duration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2), "every full second is already on disk");
        live.AudioPacketCount.Should().BeLessThan(audio.Packets.Count, "the newest page is still open");
    }

    [Fact]
    public async Task A_file_cut_at_any_byte_reads_up_to_its_last_complete_page()
    {
        var audio = OpusTestAudio.Encode(48000 * 4);
        var file = await WriteAsync(audio, Tags());
        var bytes = await File.ReadAllBytesAsync(file);
        var pages = ReadPages(file);
        var random = new Random(20261128);
        var headerEnd = pages[1].Offset + pages[1].Length;

        for (var trial = 0; trial < 40; trial++)
        {
            var cut = random.Next((int)headerEnd, bytes.Length);
            var intact = pages.Where(p => p.Offset + p.Length <= cut).ToList();

            var info = OggOpusReader.Read(new MemoryStream(bytes[..cut]));

            info.ValidLength.Should().Be(intact[^1].Offset + intact[^1].Length);
            info.PageCount.Should().Be(intact.Count);
            info.FinalGranule.Should().Be(intact[^1].GranulePosition);
            info.AudioPacketCount.Should().Be(intact.Skip(2).Sum(p => p.Segments.Length), "each small packet is one segment");
            if (cut == info.ValidLength)
            {
                info.StopReason.Should().BeNull();
            }
            else
            {
                info.StopReason.Should().StartWith("truncated");
            }
        }

        var truncated = Path.Combine(_dir, "cut.opus");
        await File.WriteAllBytesAsync(truncated, bytes[..(int)OggOpusReader.Read(new MemoryStream(bytes[..(bytes.Length * 2 / 3)])).ValidLength]);
        FfTools.DecodeErrors(truncated).Should().BeEmpty("a file cut back to a page boundary is a valid stream without EOS");
    }

    private static double Correlation(short[] decoded, float[] source, int lag)
    {
        double sum = 0;
        for (var n = 4800; n < decoded.Length - 4800; n++)
        {
            sum += decoded[n] * source[n + lag];
        }

        return sum;
    }

    private static string Tag(JsonElement tags, string name) =>
        tags.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value.GetString()!;

    private static OpusTags Tags() => new("Concentus",
    [
        new("TITLE", "Thông báo lịch tiêm chủng"),
        new("CLASS", "priority"),
        new("ZONES", "khoi-1,xom-3"),
        new("OPERATOR", "can-bo-van-hoa"),
        new("BROADCAST_ID", "bc-20261128-0600"),
        new("DATE", "2026-11-28T06:00:00+07:00"),
        new("ENCODER", "TanKy.Hub test"),
    ]);

    private static List<OggPage> ReadPages(string file)
    {
        using var stream = File.OpenRead(file);
        var reader = new OggPageReader(stream);
        var pages = new List<OggPage>();
        while (reader.Next() is { } page)
        {
            pages.Add(page);
        }

        reader.StopReason.Should().BeNull();
        return pages;
    }

    private async Task<string> WriteAsync(EncodedAudio audio, OpusTags tags)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".opus");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var writer = await OggOpusWriter.CreateAsync(file, new OpusHead(1, audio.PreSkip, 48000), tags, 0xC0FFEE, durable: true);
        foreach (var packet in audio.Packets)
        {
            await writer.AppendAsync(packet, OpusPacket.GetSamples(packet));
        }

        await writer.CompleteAsync(audio.SourceSamples);
        return path;
    }
}
