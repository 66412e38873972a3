namespace TanKy.Hub.Media;

/// <summary>Pass 1 of an import: the upload decoded to mono 48 kHz and measured.</summary>
internal sealed record AudioAnalysis(long Samples, double LoudnessLufs, double PeakDbfs, int SourceSampleRate, int SourceChannels);
