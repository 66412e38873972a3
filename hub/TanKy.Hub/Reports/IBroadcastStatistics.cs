namespace TanKy.Hub.Reports;

/// <summary>
/// Where the report gets its broadcasting figures. The broadcast and schedule history belongs to
/// other features; until they register their own implementation, <see cref="NoBroadcastStatistics"/> answers.
/// </summary>
internal interface IBroadcastStatistics
{
    /// <param name="zones">Hamlets to include; null for the whole commune.</param>
    BroadcastSummary Summarise(ReportPeriod period, IReadOnlySet<string>? zones);
}
