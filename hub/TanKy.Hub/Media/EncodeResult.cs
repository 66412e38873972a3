namespace TanKy.Hub.Media;

/// <summary>Pass 2 of an import: what was written to <c>stream.opuspk</c>.</summary>
/// <param name="LoudnessLufsAfter">Measured on the processed audio fed to the encoder.</param>
/// <param name="LoudnessLufsStream">Measured on the Opus packets decoded back: what the loudspeakers play.</param>
internal sealed record EncodeResult(long Samples, int Frames, int PreSkip, double LoudnessLufsAfter, double LoudnessLufsStream, long LimitedSamples, bool Native);
