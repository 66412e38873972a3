namespace TanKy.Hub.Availability.Model;

/// <summary>A moment where one input of the sweep changes. Order breaks ties: ends before starts, then events.</summary>
internal readonly record struct SweepPoint(long Ts, SweepChange Change)
{
    public static int Compare(SweepPoint a, SweepPoint b)
    {
        var byTime = a.Ts.CompareTo(b.Ts);
        return byTime != 0 ? byTime : a.Change.CompareTo(b.Change);
    }
}

internal enum SweepChange
{
    InstallEnd,
    HubDown,
    MaintenanceEnd,
    InstallStart,
    HubUp,
    MaintenanceStart,
    WentOffline,
    WentOnline,
}
