using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Media;

/// <summary>Dapper's view of a <c>media_import_jobs</c> row (times in Unix milliseconds).</summary>
internal sealed class MediaImportJobRow
{
    public const string Columns = """
        id, state, file_name AS FileName, title, uploaded_by AS UploadedBy, size_bytes AS SizeBytes,
        created_at AS CreatedAt, updated_at AS UpdatedAt, started_at AS StartedAt, finished_at AS FinishedAt,
        media_id AS MediaId, duplicate, refusal_code AS RefusalCode, refusal_detail AS RefusalDetail,
        refusal_why AS RefusalWhy, failure_key AS FailureKey, error
        """;

    public const string Upsert = """
        INSERT INTO media_import_jobs (id, state, file_name, title, uploaded_by, size_bytes, created_at, updated_at, started_at,
                                       finished_at, media_id, duplicate, refusal_code, refusal_detail, refusal_why, failure_key, error)
        VALUES (@Id, @State, @FileName, @Title, @UploadedBy, @SizeBytes, @CreatedAt, @UpdatedAt, @StartedAt,
                @FinishedAt, @MediaId, @Duplicate, @RefusalCode, @RefusalDetail, @RefusalWhy, @FailureKey, @Error)
        ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, started_at = excluded.started_at,
            finished_at = excluded.finished_at, media_id = excluded.media_id, duplicate = excluded.duplicate,
            refusal_code = excluded.refusal_code, refusal_detail = excluded.refusal_detail, refusal_why = excluded.refusal_why,
            failure_key = excluded.failure_key, error = excluded.error
        """;

    public string Id { get; set; } = "";
    public string State { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Title { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public long SizeBytes { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? StartedAt { get; set; }
    public long? FinishedAt { get; set; }
    public string? MediaId { get; set; }
    public long Duplicate { get; set; }
    public string? RefusalCode { get; set; }
    public string? RefusalDetail { get; set; }
    public string? RefusalWhy { get; set; }
    public string? FailureKey { get; set; }
    public string? Error { get; set; }

    public static string ToState(MediaImportState state) => state.ToString().ToLowerInvariant();

    public static MediaImportJobRow From(MediaImportJob j, DateTimeOffset now) => new()
    {
        Id = j.Id, State = ToState(j.State), FileName = j.FileName, Title = j.Title, UploadedBy = j.UploadedBy,
        SizeBytes = j.SizeBytes, CreatedAt = j.CreatedAt.ToUnixTimeMilliseconds(), UpdatedAt = now.ToUnixTimeMilliseconds(),
        StartedAt = j.StartedAt?.ToUnixTimeMilliseconds(), FinishedAt = j.FinishedAt?.ToUnixTimeMilliseconds(),
        MediaId = j.Result?.Item?.Id, Duplicate = j.Result?.Duplicate == true ? 1 : 0,
        RefusalCode = j.Result?.Rejection?.Code, RefusalDetail = j.Result?.Rejection?.Detail,
        RefusalWhy = j.Result?.Rejection?.Explained?.Encode(), FailureKey = j.FailureKey, Error = j.Error,
    };

    /// <summary>The job; <paramref name="clip"/> finds a done job's clip (null once it was deleted).</summary>
    public MediaImportJob ToJob(Func<string, MediaItem?> clip)
    {
        var state = Enum.Parse<MediaImportState>(State, ignoreCase: true);
        var result = state switch
        {
            MediaImportState.Done when MediaId is not null && clip(MediaId) is { } item => new MediaImportResult(item, null, Duplicate != 0),
            MediaImportState.Refused => MediaImportResult.Refused(new MediaRejection(
                MediaRejection.FromCode(RefusalCode) ?? MediaRejectionReason.Corrupt, RefusalDetail, TextMessage.Decode(RefusalWhy))),
            _ => null,
        };
        return new MediaImportJob(Id, state, FileName, Title, UploadedBy, SizeBytes, At(CreatedAt), StartedAt is { } s ? At(s) : null,
            FinishedAt is { } f ? At(f) : null, result, Error, FailureKey);
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
