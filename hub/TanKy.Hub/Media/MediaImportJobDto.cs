using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Media;

/// <summary>
/// A background import as <c>GET /api/v1/media/imports/{id}</c> shows it. <c>state</c> is
/// queued, running, done, refused or failed; <c>media</c> is the clip once done (also when the
/// same bytes were already stored: <c>duplicate</c>); <c>error</c> is the library's refusal
/// (stable <c>code</c>, Vietnamese-first <c>message</c>) or why the job failed (<c>failed</c>, or
/// <c>restarted</c> when the hub restarted mid-import and the upload did not survive it).
/// </summary>
internal sealed record MediaImportJobDto(
    string Id,
    string State,
    string StateText,
    string FileName,
    string Title,
    string UploadedBy,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Location,
    MediaDto? Media,
    bool Duplicate,
    MediaImportJobError? Error)
{
    /// <summary>The job with its texts in <paramref name="language"/> (the request's).</summary>
    public static MediaImportJobDto From(MediaImportJob j, string language) => new(
        j.Id,
        j.State.ToString().ToLowerInvariant(),
        HubText.Default.Get("api2.media.state." + j.State.ToString().ToLowerInvariant(), language),
        j.FileName,
        j.Title,
        j.UploadedBy,
        j.SizeBytes,
        j.CreatedAt,
        j.StartedAt,
        j.FinishedAt,
        "/api/v1/media/imports/" + j.Id,
        j.Result?.Item is { } item ? MediaDto.From(item) : null,
        j.Result?.Duplicate ?? false,
        j.Result?.Rejection is { } r ? new MediaImportJobError(r.Code, r.Text(language), r.Detail)
            : j.Error is { } e ? new MediaImportJobError(j.FailureKey == MediaImportJobs.RestartedKey ? "restarted" : "failed", HubText.Default.Get(j.FailureKey ?? "api2.media.failed", language), e)
            : null);
}

internal sealed record MediaImportJobError(string Code, string Message, string? Detail);
