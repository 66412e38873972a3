namespace TanKy.Hub.Reports;

/// <summary>One device's strip in the outage timeline: its incidents as [start, end) spans.</summary>
internal sealed record TimelineRow(string DeviceId, string Name, double OfflineHours, IReadOnlyList<IncidentRow> Outages);
