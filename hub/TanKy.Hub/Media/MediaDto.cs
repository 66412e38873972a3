namespace TanKy.Hub.Media;

/// <summary>
/// A clip as the API and <c>--json</c> show it (no internal paths; times as ISO 8601 UTC).
/// <c>kind</c> is <c>clip</c> (an upload) or <c>speech</c> (text read out by the synthesiser).
/// </summary>
internal sealed record MediaDto(
    string Id,
    string Title,
    long DurationMs,
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
    int Frames,
    int Bitrate,
    long StreamBytes,
    string Sha256,
    string UploadedBy,
    DateTimeOffset UploadedAt,
    string Kind)
{
    public static MediaDto From(MediaItem m) => new(
        m.Id, m.Title, m.DurationMs, m.OriginalName, m.OriginalFormat, m.SizeBytes, m.SourceSampleRate, m.SourceChannels,
        m.LoudnessLufsBefore, m.LoudnessLufsAfter, m.LoudnessLufsStream, m.GainDb, m.PeakDbfsBefore, m.Frames, m.Bitrate,
        m.StreamBytes, m.Sha256, m.UploadedBy, m.UploadedAt, MediaRow.ToKind(m.Kind));
}
