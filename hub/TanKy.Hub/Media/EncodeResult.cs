namespace TanKy.Hub.Media;

/// <summary>Pass 2 of an import: what was written to <c>stream.opuspk</c>.</summary>
internal sealed record EncodeResult(long Samples, int Frames, int PreSkip, double LoudnessLufsAfter, long LimitedSamples, bool Native);
