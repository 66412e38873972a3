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
/// <see cref="MediaImportState.Refused"/>; <see cref="Error"/> explains a <see cref="MediaImportState.Failed"/>.
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
    string? Error = null)
{
    public bool Finished => State is MediaImportState.Done or MediaImportState.Refused or MediaImportState.Failed;
}
