namespace TanKy.Hub.Media;

/// <summary>
/// Pass 1: decodes a probed upload end to end, which is also the real validation of its body
/// (a decoder can only find a broken frame by decoding it), and measures loudness and peak.
/// Every decoder exception is mapped to a rejection here: bad uploads never become a 500.
/// </summary>
internal static class AudioAnalyzer
{
    private const int ChunkSamples = 4800;

    public static (AudioAnalysis? Analysis, MediaRejection? Rejection) Analyse(string path, ProbedAudio audio, MediaOptions options, CancellationToken ct)
    {
        DecodedSource? source = null;
        try
        {
            source = DecodedSource.Open(path, audio);
            return Measure(source, options, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // NLayer and NAudio throw a zoo of types on damaged input (IndexOutOfRange, InvalidData, EndOfStream…).
            return (null, source is { DecodedAnything: false } || (source is null && audio.Container == AudioContainer.Mpeg)
                ? MediaRejection.Truncated($"no decodable frame ({ex.GetType().Name})")
                : MediaRejection.Corrupt($"{ex.GetType().Name}: {ex.Message}"));
        }
        finally
        {
            source?.Dispose();
        }
    }

    private static (AudioAnalysis?, MediaRejection?) Measure(DecodedSource source, MediaOptions options, CancellationToken ct)
    {
        var meter = new LoudnessMeter();
        var buffer = new float[ChunkSamples];
        var maxSamples = (long)options.MaxDurationSeconds * MediaFormat.SampleRate;
        long samples = 0;
        var peak = 0f;
        int read;
        while ((read = source.Samples.Read(buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = buffer.AsSpan(0, read);
            meter.Add(chunk);
            peak = Math.Max(peak, MaxAbs(chunk));
            samples += read;
            if (samples > maxSamples)
            {
                // MP3 length is only known by decoding: stop as soon as the limit is passed.
                return (null, MediaRejection.TooLong(options.MaxDurationSeconds));
            }
        }

        if (!source.DecodedAnything)
        {
            return (null, MediaRejection.Truncated("no decodable MPEG frame"));
        }

        if (samples == 0)
        {
            return (null, MediaRejection.Empty("no sample decoded"));
        }

        var lufs = meter.IntegratedLufs();
        if (double.IsNegativeInfinity(lufs))
        {
            return (null, MediaRejection.Silent());
        }

        var format = source.SourceFormat;
        return (new AudioAnalysis(samples, lufs, 20 * Math.Log10(peak), format.SampleRate, format.Channels), null);
    }

    internal static float MaxAbs(ReadOnlySpan<float> samples)
    {
        var max = 0f;
        foreach (var s in samples)
        {
            max = Math.Max(max, Math.Abs(s));
        }

        return max;
    }
}
