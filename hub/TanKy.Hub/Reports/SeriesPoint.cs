namespace TanKy.Hub.Reports;

/// <summary>
/// Availability in one stretch of the chart (an hour of a one-day report, else a local day);
/// <see cref="Start"/> is in Vietnam time (+07:00). Null % when nothing was counted then.
/// </summary>
internal sealed record SeriesPoint(DateTimeOffset Start, double? AvailabilityPct, double OnlineHours, double OfflineHours);

/// <summary>Availability over time of one device kind (the per-kind chart).</summary>
internal sealed record KindSeries(string Kind, string Name, IReadOnlyList<SeriesPoint> Points);
