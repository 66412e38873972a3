namespace TanKy.Hub.Reports;

/// <summary>Report settings (section <c>Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Incidents listed one by one (the longest); the totals always count every incident.</summary>
    public int MaxIncidentsListed { get; set; } = 500;

    /// <summary>Devices drawn in the outage timeline (those with the most offline time).</summary>
    public int TimelineDevices { get; set; } = 30;
}
