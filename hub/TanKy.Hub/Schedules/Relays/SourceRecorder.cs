using Microsoft.Extensions.Logging;
using NAudio.Wave;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules.Planning;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>
/// Records one occurrence of a <c>recordings:</c> entry: reads the source's feed (48 kHz mono, 20 ms
/// frames) for the rest of the slot into a temporary WAV file, then imports it through the media
/// library (loudness, Opus) as "{title} – dd/MM/yyyy". The WAV is spooled in the data directory. Gaps are written as silence so the clip keeps
/// the programme's timing; a recording with less than <see cref="MinCoverage"/> of its slot in real
/// source audio failed (source down, too short): no clip, the row says why and an alert is raised.
/// The two newest clips of a name are kept, older ones are deleted from the library.
/// </summary>
internal sealed class SourceRecorder(
    Database db,
    MediaLibrary library,
    RecordingStore recordings,
    ProgrammeAlerts alerts,
    TimeProvider time,
    ILogger<SourceRecorder> log,
    IRelaySources? sources = null,
    IPcmFeedFactory? feeds = null)
{
    public const double MinCoverage = 0.9;
    public const int Keep = 2;
    private const int SampleRate = 48000;
    private const int FrameSamples = 960;
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Where recordings are written before import: in the data directory, not /tmp, which is often
    /// RAM on a gateway (30 minutes of 48 kHz WAV is 170 MB).
    /// </summary>
    public string Spool => Path.Combine(db.DataDir, "recordings");

    /// <summary>Deletes WAV files a stopped run left in <see cref="Spool"/>; returns how many.</summary>
    public int CleanSpool()
    {
        if (!Directory.Exists(Spool))
        {
            return 0;
        }

        var files = Directory.GetFiles(Spool, "*.wav");
        foreach (var f in files)
        {
            File.Delete(f);
        }

        return files.Length;
    }

    /// <summary>Records the occurrence unless it was already claimed; returns the row as it ended (null when already claimed).</summary>
    public async Task<RecordingRow?> RecordAsync(RecordingOccurrence occurrence, CancellationToken ct)
    {
        var def = occurrence.Definition;
        if (!recordings.TryBegin(def.Name, occurrence.Start, def.SourceId, def.Duration))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var frames = (int)((occurrence.End - (now > occurrence.Start ? now : occurrence.Start)).Ticks / Frame.Ticks);
        var path = Path.Combine(Directory.CreateDirectory(Spool).FullName, $"{def.Name}-{Guid.NewGuid():N}.wav");
        var received = TimeSpan.Zero;
        try
        {
            if (sources?.Find(def.SourceId) is not { } source || feeds is null)
            {
                return Fail(occurrence, received, new TextMessage("relayprog.reason.source-unknown", def.SourceId));
            }

            received = await CaptureAsync(source, path, Math.Max(frames, 0), ct);
            if (received < def.Duration * MinCoverage)
            {
                var why = received == TimeSpan.Zero
                    ? new TextMessage("relayprog.reason.source-down", def.SourceId)
                    : new TextMessage("relayprog.reason.too-short", Minutes(received), Minutes(def.Duration));
                return Fail(occurrence, received, why);
            }

            var title = $"{def.Title} – {CommuneTime.ToLocal(occurrence.Start):dd/MM/yyyy}";
            var result = await library.ImportRecordingAsync(path, title, "recording:" + def.SourceId, def.Duration + TimeSpan.FromSeconds(1), ct);
            if (!result.Succeeded)
            {
                return Fail(occurrence, received, new TextMessage("relayprog.reason.import-refused", result.Rejection.Code.ToString()));
            }

            recordings.Finish(def.Name, occurrence.Start, result.Item.Id, received);
            log.LogInformation("Recorded {Name} from {Source} at {At}: {Received} of source audio, clip {MediaId}", def.Name, def.SourceId, occurrence.Start, received, result.Item.Id);
            foreach (var old in recordings.Superseded(def.Name, Keep))
            {
                library.Delete(old);
            }

            return recordings.Get(def.Name, occurrence.Start);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "Recording {Name} from {Source} failed", def.Name, def.SourceId);
            return Fail(occurrence, received, new TextMessage("relayprog.reason.recording-error"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes <paramref name="frames"/> frames of the feed to a 16-bit WAV; returns how much was source audio.</summary>
    private async Task<TimeSpan> CaptureAsync(RelaySource source, string path, int frames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var buffer = new float[FrameSamples];
        var audio = 0;
        await using var feed = feeds.Open(source);
        using var writer = new WaveFileWriter(path, new WaveFormat(SampleRate, 16, 1));
        for (var i = 0; i < frames; i++)
        {
            if (await feed.ReadFrameAsync(buffer, ct) == PcmFeedStatus.Audio)
            {
                audio++;
            }

            writer.WriteSamples(buffer, 0, FrameSamples);
        }

        return Frame * audio;
    }

    private RecordingRow? Fail(RecordingOccurrence occurrence, TimeSpan received, TextMessage why)
    {
        var def = occurrence.Definition;
        recordings.Fail(def.Name, occurrence.Start, received, why.Encode());
        alerts.Raise(ProgrammeAlert.RecordingFailed, def.Name, def.SourceId, occurrence.Start, why);
        log.LogWarning("Recording {Name} from {Source} at {At} failed: {Reason}", def.Name, def.SourceId, occurrence.Start, why.ToString());
        return recordings.Get(def.Name, occurrence.Start);
    }

    private static string Minutes(TimeSpan t) => Math.Round(t.TotalMinutes, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
