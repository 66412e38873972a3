namespace TanKy.Hub.Broadcasts.History;

/// <summary>
/// One past (or current) broadcast in the history list. <see cref="RecordingMs"/> is the length of its
/// playable archive recording, null when there is none (still recording, failed, or removed by retention).
/// </summary>
public sealed record HistoryEntry(
    string Id,
    string Title,
    string Class,
    IReadOnlyList<string> Zones,
    string Operator,
    string Source,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string Status,
    long? RecordingMs)
{
    public bool HasRecording => RecordingMs is not null;

    /// <summary>How long it was on the air (start to end), null while it has not both started and ended.</summary>
    public TimeSpan? AirDuration => StartedAt is { } s && EndedAt is { } e && e >= s ? e - s : null;
}
