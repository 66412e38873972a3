using TanKy.EndToEnd.Tests.SimulatorAudio;
using TanKy.Hub.Broadcasts.Archive;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Audio;

/// <summary>
/// Issue 3's round trip, sync and archive tests against the real hub: WAV → media library
/// (loudness normalisation, 24 kbit/s voice Opus with FEC) → broadcast → embedded broker →
/// 20 simulated speakers in 3 hamlets → WAV per node.
/// </summary>
[Collection(SimulatorAudioCollection.Name)]
public sealed class HubRoundTrip_Tests(BroadcastRun run, ITestOutputHelper output) : IClassFixture<BroadcastRun>
{
    /// <summary>
    /// Start-error bound on loopback (|error_us| of every node). The fanout benchmark
    /// (hub/docs/performance-audio.md) measured p99 well under this at 100–500 nodes; 5 ms is the
    /// issue's p99 goal, used here as a per-node bound so a loaded 2-core CI machine still passes.
    /// </summary>
    public const long StartErrorBoundUs = 5_000;

    // Search window around the pre-skip: SILK output leads the nominal pre-skip by a few samples.
    private const int LagWindow = 16;

    [Fact]
    public void Every_speaker_plays_the_normalised_source_to_the_end()
    {
        var report = run.Report;
        report.Targeted.Should().Be(BroadcastRun.Speakers);
        report.Finished.Should().Be(BroadcastRun.Speakers);
        var worst = 1.0;
        foreach (var node in run.Commune.Nodes)
        {
            var wav = WavComparison.Read(run.Commune.WavOf(node));

            // The normalised source is the generated one times the item's gain, through a peak
            // limiter at −1 dBFS. Gain does not change a normalised correlation; limiting, if it
            // acted, would make the output differ from the un-limited source, so comparing with
            // the generated signal is, if anything, the stricter check.
            var preSkip = run.Item.PreSkip;
            var atPreSkip = WavComparison.Correlation(run.Source, wav, 0, preSkip);
            var (lag, best) = Enumerable.Range(preSkip - LagWindow, (2 * LagWindow) + 1)
                .Select(l => (l, WavComparison.Correlation(run.Source, wav, 0, l)))
                .MaxBy(x => x.Item2);
            output.WriteLine($"{node.DeviceId}: gain {run.Item.GainDb} dB, {wav.Length} samples, NCC {atPreSkip:0.000} at pre-skip {preSkip}, best {best:0.000} at lag {lag}");
            worst = Math.Min(worst, best);
            wav.Length.Should().BeGreaterThanOrEqualTo(run.Source.Length, node.DeviceId);
            best.Should().BeGreaterThanOrEqualTo(0.9, node.DeviceId);
        }

        output.WriteLine($"worst NCC over {BroadcastRun.Speakers} nodes: {worst:0.000}");
        // No loss is injected here; a frame or two may still arrive late on a loaded 2-core machine
        // (concealed), which the correlation above already tolerates.
        report.Nodes.Should().OnlyContain(n => n.Outcome == "finished" && n.FramesConcealed <= (n.FramesPlayed / 100) + 1);
    }

    [Fact]
    public void Start_errors_are_reported_and_within_the_loopback_bound()
    {
        var nodes = run.Report.Nodes;
        nodes.Should().HaveCount(BroadcastRun.Speakers);
        var errors = nodes.Select(n => n.StartErrorUs).ToList();
        errors.Should().OnlyContain(e => e.HasValue, "every node reports its start error");
        var sorted = errors.Select(e => Math.Abs(e!.Value)).Order().ToList();
        output.WriteLine($"|start error| µs: p50 {sorted[sorted.Count / 2]}, max {sorted[^1]}; report p50 {run.Report.StartErrorP50Us}, max {run.Report.StartErrorMaxAbsUs}; trigger-to-sound p50 {run.Report.TriggerToSoundP50Us} max {run.Report.TriggerToSoundMaxUs}");
        sorted[^1].Should().BeLessThanOrEqualTo(StartErrorBoundUs);
        run.Report.StartErrorMaxAbsUs.Should().BeLessThanOrEqualTo(StartErrorBoundUs);
    }

    [Fact]
    public async Task The_archive_file_is_valid_per_ffprobe_with_the_source_duration()
    {
        var archive = run.Commune.Hub.Get<IBroadcastArchive>();
        ArchiveRecord? record = null;
        var deadline = DateTime.UtcNow + AudioCommune.Wait;
        while ((record = archive.Find(run.Ticket.BroadcastId)) is null || record.Status == ArchiveStatus.Recording)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the archive recording completes after the broadcast");
            await Task.Delay(200);
        }

        var path = archive.GetFullPath(record);
        var duration = await Ffprobe.DurationSecondsAsync(path);
        output.WriteLine($"{path}: ffprobe duration {duration:0.000} s, source {BroadcastRun.Seconds} s");
        duration.Should().BeApproximately(BroadcastRun.Seconds, 0.040);
    }
}
