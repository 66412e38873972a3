namespace TanKy.Hub.Media;

/// <summary>Where a background import is: waiting for the normal lane, processing, or finished one way or another.</summary>
public enum MediaImportState
{
    Queued,
    Running,
    Done,
    Refused,
    Failed,
}

/// <summary>
/// One background import (a large upload): an immutable snapshot, replaced as the job moves on.
/// <see cref="Result"/> is set once the state is <see cref="MediaImportState.Done"/> or
/// <see cref="MediaImportState.Refused"/> (a done job whose clip was deleted since has none);
/// <see cref="Error"/> explains a <see cref="MediaImportState.Failed"/> in English for support, and
/// <see cref="FailureKey"/> is the text key people read (<c>api2.media.failed</c> when null).
/// </summary>
public sealed record MediaImportJob(
    string Id,
    MediaImportState State,
    string FileName,
    string Title,
    string UploadedBy,
    long SizeBytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    MediaImportResult? Result = null,
    string? Error = null,
    string? FailureKey = null)
{
    public bool Finished => State is MediaImportState.Done or MediaImportState.Refused or MediaImportState.Failed;
}
