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
    private const double CodecToleranceLu = 0.5;

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
        audio = audio with { Channels = analysis.SourceChannels };
        var encoded = EncodeTo(streamPath, original, audio, gainDb, options, ct);

        // What the speakers play is the decoded stream. The voice encoder's high-pass and band
        // limit take ~0.9 LU from a low male voice, so when the stream misses the target by more
        // than the tolerance we encode once more with the difference added (within MaxGainDb).
        var codecLoss = options.TargetLufs - encoded.LoudnessLufsStream;
        if (options.CompensateCodecLoss && Math.Abs(codecLoss) > CodecToleranceLu && gainDb + codecLoss <= options.MaxGainDb)
        {
            gainDb += codecLoss;
            encoded = EncodeTo(streamPath, original, audio, gainDb, options, ct);
        }

        var streamBytes = new FileInfo(streamPath).Length;
        return (new Staged(audio, analysis, encoded, gainDb, streamBytes, clock.Elapsed), null);
    }

    private static EncodeResult EncodeTo(string streamPath, string original, ProbedAudio audio, double gainDb, MediaOptions options, CancellationToken ct)
    {
        using var output = new FileStream(streamPath, FileMode.Create, FileAccess.ReadWrite);
        var encoded = OpusClipEncoder.Encode(original, audio, gainDb, options, output, ct);
        output.SetLength(output.Position);
        output.Flush(flushToDisk: true);
        return encoded;
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
