namespace TanKy.Hub.Availability.Model;

/// <summary>
/// Time per state and incident figures for a device or a group. Availability % =
/// online / (online + offline); unknown, maintenance and not-installed time are outside the
/// denominator. MTTR = offline time / incidents; MTBF = online time / incidents.
/// </summary>
public sealed class AvailabilityTotals
{
    public long OnlineMs { get; private set; }

    public long OfflineMs { get; private set; }

    public long UnknownMs { get; private set; }

    public long MaintenanceMs { get; private set; }

    public int Incidents { get; private set; }

    public long LongestOutageMs { get; private set; }

    public int Devices { get; internal set; }

    public long CountedMs => OnlineMs + OfflineMs;

    public double? AvailabilityPercent => Percent(OnlineMs, OfflineMs);

    public double? MttrMs => Incidents == 0 ? null : (double)OfflineMs / Incidents;

    public double? MtbfMs => Incidents == 0 ? null : (double)OnlineMs / Incidents;

    public static double? Percent(long online, long offline) =>
        online + offline == 0 ? null : 100.0 * online / (online + offline);

    public void AddTime(AvailabilityState state, long ms)
    {
        switch (state)
        {
            case AvailabilityState.Online: OnlineMs += ms; break;
            case AvailabilityState.Offline: OfflineMs += ms; break;
            case AvailabilityState.Unknown: UnknownMs += ms; break;
            case AvailabilityState.Maintenance: MaintenanceMs += ms; break;
        }
    }

    public void AddIncident(long countedMs)
    {
        Incidents++;
        LongestOutageMs = Math.Max(LongestOutageMs, countedMs);
    }

    /// <summary>Adds a device's (or a subgroup's) totals into this group.</summary>
    public void Add(AvailabilityTotals other)
    {
        OnlineMs += other.OnlineMs;
        OfflineMs += other.OfflineMs;
        UnknownMs += other.UnknownMs;
        MaintenanceMs += other.MaintenanceMs;
        Incidents += other.Incidents;
        LongestOutageMs = Math.Max(LongestOutageMs, other.LongestOutageMs);
        Devices += other.Devices;
    }
}
