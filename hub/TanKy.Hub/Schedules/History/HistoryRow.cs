namespace TanKy.Hub.Schedules.History;

/// <summary>One row of <c>programme_history</c>; times are Unix ms.</summary>
internal sealed record HistoryRow(
    string ProgrammeId,
    long OccurrenceAt,
    string Zone,
    string Title,
    string Class,
    long PlannedAt,
    long? FiredAt,
    string Outcome,
    string? Reason,
    string AiringId,
    string? BroadcastId)
{
    /// <summary>The reason in <paramref name="language"/> ("vi" or "en"); see <see cref="HistoryReason"/>.</summary>
    public string? ReasonIn(string language) => HistoryReason.Render(Reason, language);
}
