namespace TanKy.Hub.Broadcasts.Archive;

/// <summary>One row of the archive index. <see cref="Path"/> is relative to the data directory.</summary>
internal sealed record ArchiveRecord(
    long Id,
    string BroadcastId,
    string Path,
    string Title,
    string Class,
    IReadOnlyList<string> Zones,
    string Operator,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long? DurationMs,
    long? SizeBytes,
    string? Sha256,
    string Status);
