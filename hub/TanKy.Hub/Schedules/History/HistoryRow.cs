namespace TanKy.Hub.Schedules.History;

/// <summary>One row of <c>programme_history</c>; times are Unix ms. <see cref="RelayedMs"/>: how long a relay really relayed in the zone.</summary>
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
    string? BroadcastId,
    long? RelayedMs = null)
{
    /// <summary>Whole minutes a relay actually relayed in the zone (null for clip airings).</summary>
    public int? RelayedMinutes => RelayedMs is { } ms ? (int)(ms / 60_000) : null;

    /// <summary>The reason in <paramref name="language"/> ("vi" or "en"); see <see cref="HistoryReason"/>.</summary>
    public string? ReasonIn(string language) => HistoryReason.Render(Reason, language);
}
