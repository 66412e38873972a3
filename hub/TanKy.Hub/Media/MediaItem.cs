namespace TanKy.Hub.Media;

/// <summary>
/// One clip of the library, as stored. Loudness in LUFS (before: the upload; after: processed,
/// before encoding; stream: the Opus decoded back), gain in dB, times UTC. Samples are mono
/// 48 kHz samples of the processed audio; a decoder drops PreSkip samples first.
/// </summary>
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
    double LoudnessLufsStream,
    double GainDb,
    double PeakDbfsBefore,
    long Samples,
    int Frames,
    int PreSkip,
    int Bitrate,
    long StreamBytes,
    string UploadedBy,
    DateTimeOffset UploadedAt)
{
    /// <summary>Upload or text-to-speech; an init property so every existing constructor call stays a plain clip.</summary>
    public MediaKind Kind { get; init; } = MediaKind.Clip;
}
