namespace TanKy.Hub.Media;

/// <summary>Dapper's view of a <c>media</c> row (SQLite integers are 64-bit).</summary>
internal sealed class MediaRow
{
    public const string Select = """
        SELECT id, title, duration_ms AS DurationMs, sha256, original_name AS OriginalName, original_format AS OriginalFormat,
               size_bytes AS SizeBytes, source_sample_rate AS SourceSampleRate, source_channels AS SourceChannels,
               loudness_lufs_before AS LoudnessLufsBefore, loudness_lufs_after AS LoudnessLufsAfter, loudness_lufs_stream AS LoudnessLufsStream, gain_db AS GainDb,
               peak_dbfs_before AS PeakDbfsBefore, samples, frames, pre_skip AS PreSkip, bitrate, stream_bytes AS StreamBytes,
               uploaded_by AS UploadedBy, uploaded_at AS UploadedAt, kind
        FROM media
        """;

    public const string Insert = """
        INSERT INTO media (id, title, duration_ms, sha256, original_name, original_format, size_bytes, source_sample_rate,
                           source_channels, loudness_lufs_before, loudness_lufs_after, loudness_lufs_stream, gain_db, peak_dbfs_before, samples,
                           frames, pre_skip, codec, bitrate, stream_bytes, uploaded_by, uploaded_at, kind)
        VALUES (@Id, @Title, @DurationMs, @Sha256, @OriginalName, @OriginalFormat, @SizeBytes, @SourceSampleRate,
                @SourceChannels, @LoudnessLufsBefore, @LoudnessLufsAfter, @LoudnessLufsStream, @GainDb, @PeakDbfsBefore, @Samples,
                @Frames, @PreSkip, 'opus', @Bitrate, @StreamBytes, @UploadedBy, @UploadedAt, @Kind)
        """;

    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public long DurationMs { get; set; }
    public string Sha256 { get; set; } = "";
    public string OriginalName { get; set; } = "";
    public string OriginalFormat { get; set; } = "";
    public long SizeBytes { get; set; }
    public long SourceSampleRate { get; set; }
    public long SourceChannels { get; set; }
    public double LoudnessLufsBefore { get; set; }
    public double LoudnessLufsAfter { get; set; }
    public double LoudnessLufsStream { get; set; }
    public double GainDb { get; set; }
    public double PeakDbfsBefore { get; set; }
    public long Samples { get; set; }
    public long Frames { get; set; }
    public long PreSkip { get; set; }
    public long Bitrate { get; set; }
    public long StreamBytes { get; set; }
    public string UploadedBy { get; set; } = "";
    public long UploadedAt { get; set; }
    public string Kind { get; set; } = KindClip;

    public const string KindClip = "clip";
    public const string KindSpeech = "speech";

    public static string ToKind(MediaKind kind) => kind == MediaKind.Speech ? KindSpeech : KindClip;

    public static MediaRow From(MediaItem m) => new()
    {
        Id = m.Id, Title = m.Title, DurationMs = m.DurationMs, Sha256 = m.Sha256, OriginalName = m.OriginalName,
        OriginalFormat = m.OriginalFormat, SizeBytes = m.SizeBytes, SourceSampleRate = m.SourceSampleRate,
        SourceChannels = m.SourceChannels, LoudnessLufsBefore = m.LoudnessLufsBefore, LoudnessLufsAfter = m.LoudnessLufsAfter, LoudnessLufsStream = m.LoudnessLufsStream,
        GainDb = m.GainDb, PeakDbfsBefore = m.PeakDbfsBefore, Samples = m.Samples, Frames = m.Frames, PreSkip = m.PreSkip,
        Bitrate = m.Bitrate, StreamBytes = m.StreamBytes, UploadedBy = m.UploadedBy, UploadedAt = m.UploadedAt.ToUnixTimeMilliseconds(),
        Kind = ToKind(m.Kind),
    };

    public MediaItem ToItem() => new(
        Id, Title, DurationMs, Sha256, OriginalName, OriginalFormat, SizeBytes, (int)SourceSampleRate, (int)SourceChannels,
        LoudnessLufsBefore, LoudnessLufsAfter, LoudnessLufsStream, GainDb, PeakDbfsBefore, Samples, (int)Frames, (int)PreSkip, (int)Bitrate,
        StreamBytes, UploadedBy, DateTimeOffset.FromUnixTimeMilliseconds(UploadedAt))
    {
        Kind = Kind == KindSpeech ? MediaKind.Speech : MediaKind.Clip,
    };
}
