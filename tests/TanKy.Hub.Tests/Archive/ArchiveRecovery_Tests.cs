using TanKy.Hub.Broadcasts.Archive;

namespace TanKy.Hub.Tests.Archive;

/// <summary>What start-up finds after the hub died mid-broadcast (kill -9, power cut).</summary>
public sealed class ArchiveRecovery_Tests : IDisposable
{
    private readonly ArchiveFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_torn_file_is_cut_back_to_its_last_page_and_marked_interrupted()
    {
        var audio = OpusTestAudio.Encode(48000 * 3);
        var (row, path) = await CrashedRecordingAsync("bc-crash", audio, complete: false);
        var pagesEnd = new FileInfo(path).Length;
        await using (var tail = new FileStream(path, FileMode.Append))
        {
            // Half of a page header: what a write cut by a power loss can leave.
            await tail.WriteAsync("OggS\0\0\u0001\u0002"u8.ToArray());
        }

        _f.Retention.RecoverInterrupted().Should().Be(1);

        var after = _f.Archive.Find("bc-crash")!;
        after.Status.Should().Be(ArchiveStatus.Interrupted);
        new FileInfo(path).Length.Should().Be(pagesEnd);
        after.SizeBytes.Should().Be(pagesEnd);
        var info = OggOpusReader.ReadFile(path);
        info.StopReason.Should().BeNull();
        after.DurationMs.Should().Be((long)info.Duration.TotalMilliseconds).And.BeGreaterThanOrEqualTo(2000);
        after.EndedAt.Should().BeCloseTo(row.StartedAt + info.Duration, TimeSpan.FromMilliseconds(1), "the index stores milliseconds");
        FfTools.DecodeErrors(path).Should().BeEmpty();
        _f.Retention.RecoverInterrupted().Should().Be(0, "recovery runs once per unfinished row");
    }

    [Fact]
    public async Task A_file_finished_just_before_the_crash_counts_as_complete()
    {
        var audio = OpusTestAudio.Encode(48000);
        await CrashedRecordingAsync("bc-almost", audio, complete: true);

        _f.Retention.RecoverInterrupted();

        var row = _f.Archive.Find("bc-almost")!;
        row.Status.Should().Be(ArchiveStatus.Complete);
        row.DurationMs.Should().Be(1000);
    }

    [Fact]
    public async Task A_missing_or_headerless_file_drops_the_row()
    {
        var audio = OpusTestAudio.Encode(48000);
        var (_, missing) = await CrashedRecordingAsync("bc-missing", audio, complete: false);
        var (_, headerless) = await CrashedRecordingAsync("bc-headerless", audio, complete: false);
        File.Delete(missing);
        await File.WriteAllBytesAsync(headerless, "OggS"u8.ToArray());

        _f.Retention.RecoverInterrupted().Should().Be(2);

        _f.Archive.List(new ArchiveQuery()).Should().BeEmpty();
        File.Exists(headerless).Should().BeFalse();
        _f.RetentionLog.Lines.Should().Contain(l => l.Message.Contains("bc-missing", StringComparison.Ordinal) && l.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recording_in_progress_is_left_alone()
    {
        await using var live = await _f.Archive.BeginAsync(ArchiveFixture.Entry("bc-live"));
        await live.AppendAsync(ArchiveFixture.OneSecond.Packets[0], 960);

        _f.Retention.RecoverInterrupted().Should().Be(0);

        _f.Archive.Find("bc-live")!.Status.Should().Be(ArchiveStatus.Recording);
    }

    /// <summary>
    /// The state a crash leaves: an index row still "recording" and the file as far as its pages
    /// reached disk. Written here with the writer directly because a live recording holds the file.
    /// </summary>
    private async Task<(ArchiveRecord Row, string Path)> CrashedRecordingAsync(string id, EncodedAudio audio, bool complete)
    {
        var entry = ArchiveFixture.Entry(id);
        var startedAt = _f.Dir.Time.GetUtcNow();
        var relative = ArchivePaths.RelativePath(id, startedAt);
        var rowId = _f.Archive.Index.InsertRecording(entry, relative, startedAt);
        var path = ArchivePaths.FullPath(_f.Dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            var writer = await OggOpusWriter.CreateAsync(file, new OpusHead(1, audio.PreSkip, 48000), new OpusTags("Concentus", []), 77);
            foreach (var packet in audio.Packets)
            {
                await writer.AppendAsync(packet, 960);
            }

            if (complete)
            {
                await writer.CompleteAsync(audio.SourceSamples);
            }
        }

        return (_f.Archive.Index.Get(rowId)!, path);
    }
}
