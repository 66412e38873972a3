namespace TanKy.Hub.Reports;

/// <summary>The stand-in until broadcasts are recorded: says so plainly instead of showing zeros.</summary>
internal sealed class NoBroadcastStatistics : IBroadcastStatistics
{
    public BroadcastSummary Summarise(ReportPeriod period, IReadOnlySet<string>? zones) => BroadcastSummary.NoData;
}
