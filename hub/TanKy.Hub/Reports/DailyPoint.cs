namespace TanKy.Hub.Reports;

/// <summary>Fleet availability of one local day (null when nothing was counted that day).</summary>
internal sealed record DailyPoint(DateOnly Date, double? AvailabilityPct, double OnlineHours, double OfflineHours);
