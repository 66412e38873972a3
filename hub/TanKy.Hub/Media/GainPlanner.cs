namespace TanKy.Hub.Media;

/// <summary>
/// Chooses the normalisation gain. The plain answer is target − measured loudness (capped at
/// <see cref="MediaOptions.MaxGainDb"/>). When that gain would push peaks over the ceiling the
/// limiter takes some loudness away (a quiet recording with loud clicks loses most), so we
/// render gain + limiter, measure, and raise the gain by the shortfall: at most two trial
/// passes (decode + limiter only, no encoding). We chose a limiter with make-up over a gain cap
/// because a cap would leave such recordings audibly quieter than the rest of the programme.
/// </summary>
internal static class GainPlanner
{
    private const int MaxTrials = 2;
    private const double CloseEnoughLu = 0.3;

    public static double Plan(string path, ProbedAudio audio, AudioAnalysis analysis, MediaOptions options, CancellationToken ct)
    {
        var gain = Math.Min(options.TargetLufs - analysis.LoudnessLufs, options.MaxGainDb);
        if (analysis.PeakDbfs + gain <= options.PeakCeilingDbfs)
        {
            // The limiter will not act: the result is exactly measured + gain.
            return gain;
        }

        for (var trial = 0; trial < MaxTrials && gain < options.MaxGainDb; trial++)
        {
            var shortfall = options.TargetLufs - MeasureLimited(path, audio, gain, options, ct);
            if (Math.Abs(shortfall) <= CloseEnoughLu)
            {
                break;
            }

            gain = Math.Min(gain + shortfall, options.MaxGainDb);
        }

        return gain;
    }

    private static double MeasureLimited(string path, ProbedAudio audio, double gainDb, MediaOptions options, CancellationToken ct)
    {
        using var source = DecodedSource.Open(path, audio);
        var limited = new GainLimiterSampleProvider(source.Samples, gainDb, (float)options.CeilingLinear);
        var meter = new LoudnessMeter();
        var buffer = new float[4800];
        int read;
        while ((read = limited.Read(buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            meter.Add(buffer.AsSpan(0, read));
        }

        return meter.IntegratedLufs();
    }
}
