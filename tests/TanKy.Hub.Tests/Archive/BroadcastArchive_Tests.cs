using System.Security.Cryptography;
using Dapper;
using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

public sealed class BroadcastArchive_Tests : IDisposable
{
    private readonly ArchiveFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_completed_broadcast_is_a_valid_file_indexed_with_who_what_when_where()
    {
        // 06:00 in Tân Kỳ on 28 Nov is 23:00 UTC on 27 Nov: the folder follows the local day.
        _f.Dir.Time.GetUtcNow().UtcDateTime.Day.Should().Be(27);
        var audio = OpusTestAudio.Encode(48000 * 2 + 1234);
        var entry = new ArchiveEntry("bc-0600", "Thông báo phòng chống bão số 5", "emergency", ["khoi-1", "xom-3"], "truong-khoi-1");

        await using var recording = await _f.Archive.BeginAsync(entry);
        foreach (var packet in audio.Packets)
        {
            await recording.AppendAsync(packet, 960);
        }

        _f.Dir.Time.Advance(TimeSpan.FromSeconds(2.1));
        var row = await recording.CompleteAsync(audio.SourceSamples);

        row.Should().NotBeNull();
        row!.Path.Should().Be("archive/2026/11/28/bc-0600.opus");
        row.Status.Should().Be(ArchiveStatus.Complete);
        row.Title.Should().Be(entry.Title);
        row.Class.Should().Be("emergency");
        row.Zones.Should().Equal("khoi-1", "xom-3");
        row.Operator.Should().Be("truong-khoi-1");
        row.StartedAt.Should().Be(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.FromHours(7)));
        row.EndedAt.Should().Be(row.StartedAt.AddSeconds(2.1));
        row.DurationMs.Should().Be(audio.SourceSamples * 1000 / 48000);

        var file = _f.Archive.GetFullPath(row);
        file.Should().Be(Path.Combine(_f.Dir.Path, "archive", "2026", "11", "28", "bc-0600.opus"));
        row.SizeBytes.Should().Be(new FileInfo(file).Length);
        row.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))));

        var info = OggOpusReader.ReadFile(file);
        info.IsComplete.Should().BeTrue();
        info.Head.PreSkip.Should().Be(audio.PreSkip);
        info.Tags["OPERATOR"].Should().Be("truong-khoi-1");
        info.Tags["DATE"].Should().Be("2026-11-28T06:00:00+07:00");
        info.Tags["ENCODER"].Should().StartWith("TanKy.Hub ");
        info.Tags.Vendor.Should().Be("Concentus");
        using var probe = FfTools.Probe(file);
        probe.RootElement.GetProperty("streams")[0].GetProperty("codec_name").GetString().Should().Be("opus");
        FfTools.DecodedSamples(file).Should().Be(audio.SourceSamples);
    }

    [Fact]
    public async Task List_and_find_filter_by_zone_class_and_time()
    {
        await _f.RecordAsync("bc-a", "khoi-1");
        _f.Dir.Time.Advance(TimeSpan.FromHours(1));
        await _f.RecordAsync("bc-b", "khoi-10", "xom-3");
        _f.Dir.Time.Advance(TimeSpan.FromHours(1));
        await using (var emergency = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-c", "emergency", "khoi-1")))
        {
            await emergency.AppendAsync(ArchiveFixture.OneSecond.Packets[0], 960);
            await emergency.CompleteAsync();
        }

        _f.Archive.List(new ArchiveQuery()).Select(r => r.BroadcastId).Should().Equal("bc-c", "bc-b", "bc-a");
        _f.Archive.List(new ArchiveQuery { Zone = "khoi-1" }).Select(r => r.BroadcastId).Should().Equal("bc-c", "bc-a");
        _f.Archive.List(new ArchiveQuery { Zone = "xom-3" }).Select(r => r.BroadcastId).Should().Equal("bc-b");
        _f.Archive.List(new ArchiveQuery { Class = "emergency" }).Select(r => r.BroadcastId).Should().Equal("bc-c");
        var start = new DateTimeOffset(2026, 11, 28, 6, 30, 0, TimeSpan.FromHours(7));
        _f.Archive.List(new ArchiveQuery { From = start, To = start.AddHours(1) }).Select(r => r.BroadcastId).Should().Equal("bc-b");
        _f.Archive.List(new ArchiveQuery { Limit = 1 }).Should().ContainSingle();
        _f.Archive.Find("bc-b")!.Zones.Should().Equal("khoi-10", "xom-3");
        _f.Archive.Find("bc-zzz").Should().BeNull();
    }

    [Fact]
    public async Task An_aborted_or_abandoned_broadcast_keeps_the_audio_that_aired()
    {
        var aborted = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-preempted"));
        var abandoned = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-abandoned"));
        foreach (var packet in ArchiveFixture.OneSecond.Packets.Take(30))
        {
            await aborted.AppendAsync(packet, 960);
            await abandoned.AppendAsync(packet, 960);
        }

        var row = await aborted.AbortAsync("preempted by an emergency");
        await abandoned.DisposeAsync();

        row!.Status.Should().Be(ArchiveStatus.Aborted);
        row.DurationMs.Should().Be((30 * 960 - ArchiveFixture.OneSecond.PreSkip) * 1000L / 48000);
        _f.Archive.Find("bc-abandoned")!.Status.Should().Be(ArchiveStatus.Aborted);
        OggOpusReader.ReadFile(_f.Archive.GetFullPath(row)).IsComplete.Should().BeTrue();
        FfTools.DecodeErrors(_f.Archive.GetFullPath(row)).Should().BeEmpty();
        var act = async () => await aborted.AppendAsync(ArchiveFixture.OneSecond.Packets[0], 960);
        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task A_recording_without_audio_leaves_neither_file_nor_row()
    {
        var recording = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-empty"));
        File.Exists(recording.FullPath).Should().BeTrue("headers are written at once");

        (await recording.CompleteAsync()).Should().BeNull();

        File.Exists(recording.FullPath).Should().BeFalse();
        _f.Archive.Find("bc-empty").Should().BeNull();
        _f.ArchiveLog.Lines.Should().Contain(l => l.Message.Contains("no audio", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_refused_at_the_edge()
    {
        await using var recording = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-ok"));
        var wrongCount = async () => await recording.AppendAsync(ArchiveFixture.OneSecond.Packets[0], 480);
        var empty = async () => await recording.AppendAsync(ReadOnlyMemory<byte>.Empty, 960);
        await wrongCount.Should().ThrowAsync<ArgumentException>().WithMessage("*960 samples*");
        await empty.Should().ThrowAsync<ArgumentException>();

        foreach (var bad in new[]
        {
            ArchiveFixture.Entry("../etc/passwd"),
            ArchiveFixture.Entry("bc-x", "urgent"),
            ArchiveFixture.Entry("bc-x") with { Zones = [] },
            ArchiveFixture.Entry("bc-x", "normal", "Khối 1"),
            ArchiveFixture.Entry("bc-x") with { Title = " " },
            ArchiveFixture.Entry("bc-x") with { Operator = "" },
        })
        {
            var begin = () => _f.Archive.BeginAsync(bad);
            await begin.Should().ThrowAsync<ArgumentException>();
        }

        _f.Archive.List(new ArchiveQuery()).Select(r => r.BroadcastId).Should().Equal("bc-ok");
    }

    [Fact]
    public async Task The_same_broadcast_cannot_overwrite_its_archive()
    {
        var first = await _f.RecordAsync("bc-once");
        var before = await File.ReadAllBytesAsync(_f.Archive.GetFullPath(first));

        var again = () => _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-once"));

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already archived*");
        (await File.ReadAllBytesAsync(_f.Archive.GetFullPath(first))).Should().Equal(before);
        using var c = _f.Dir.Db.Open();
        c.ExecuteScalar<long>("SELECT COUNT(*) FROM broadcast_archive").Should().Be(1);
    }
}
