using System.Diagnostics;

namespace TanKy.Hub.Media;

/// <summary>
/// Turns an upload sitting in a staging directory into a complete clip in that directory:
/// validate (probe), decode and measure (pass 1), plan the gain (trial passes only when the
/// limiter will act), normalise, limit and encode (last pass).
/// Synchronous and CPU-bound; the library runs it on the thread pool.
/// </summary>
internal static class MediaImporter
{
    public sealed record Staged(ProbedAudio Audio, AudioAnalysis Analysis, EncodeResult Encoded, double GainDb, long StreamBytes, TimeSpan Elapsed);

    public static (Staged? Staged, MediaRejection? Rejection) Process(UploadedFile upload, string stagingDir, MediaOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        ProbeResult probe;
        using (var file = File.OpenRead(upload.Path))
        {
            probe = AudioProbe.Probe(file, options);
        }

        if (probe.Audio is not { } audio)
        {
            return (null, probe.Rejection);
        }

        var original = Path.Combine(stagingDir, MediaStore.OriginalFileName(audio.Format));
        File.Move(upload.Path, original);
        var (analysis, rejection) = AudioAnalyzer.Analyse(original, audio, options, ct);
        if (analysis is null)
        {
            return (null, rejection);
        }

        var gainDb = GainPlanner.Plan(original, audio, analysis, options, ct);
        var streamPath = Path.Combine(stagingDir, MediaStore.StreamFileName);
        EncodeResult encoded;
        using (var output = new FileStream(streamPath, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            encoded = OpusClipEncoder.Encode(original, audio with { Channels = analysis.SourceChannels }, gainDb, options, output, ct);
            output.Flush(flushToDisk: true);
        }

        var streamBytes = new FileInfo(streamPath).Length;
        return (new Staged(audio, analysis, encoded, gainDb, streamBytes, clock.Elapsed), null);
    }

    public static MediaItem ToItem(string id, string title, string originalName, string uploadedBy, DateTimeOffset at, int bitrate, UploadedFile upload, Staged s) => new(
        id,
        title,
        s.Encoded.Samples * 1000 / MediaFormat.SampleRate,
        upload.Sha256,
        originalName,
        s.Audio.Format,
        upload.Size,
        s.Analysis.SourceSampleRate,
        s.Analysis.SourceChannels,
        Math.Round(s.Analysis.LoudnessLufs, 2),
        Math.Round(s.Encoded.LoudnessLufsAfter, 2),
        Math.Round(s.Encoded.LoudnessLufsStream, 2),
        Math.Round(s.GainDb, 2),
        Math.Round(s.Analysis.PeakDbfs, 2),
        s.Encoded.Samples,
        s.Encoded.Frames,
        s.Encoded.PreSkip,
        bitrate,
        s.StreamBytes,
        uploadedBy,
        at);
}
