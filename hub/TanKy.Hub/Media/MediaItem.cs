namespace TanKy.Hub.Media;

/// <summary>One clip of the library, as stored. Loudness in LUFS, gain in dB, times UTC.</summary>
public sealed record MediaItem(
    string Id,
    string Title,
    long DurationMs,
    string Sha256,
    string OriginalName,
    string OriginalFormat,
    long SizeBytes,
    int SourceSampleRate,
    int SourceChannels,
    double LoudnessLufsBefore,
    double LoudnessLufsAfter,
    double GainDb,
    double PeakDbfsBefore,
    long Samples,
    int Frames,
    int PreSkip,
    int Bitrate,
    long StreamBytes,
    string UploadedBy,
    DateTimeOffset UploadedAt);
