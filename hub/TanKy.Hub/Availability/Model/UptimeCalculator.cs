namespace TanKy.Hub.Availability.Model;

/// <summary>
/// Turns one device's status events, its installation, the hub's own runs and the planned
/// maintenance windows into time per state and incidents over a period. A sweep over the
/// merged change points: every elementary stretch between two points has one state.
/// Precedence: not installed, then hub down (unknown), then maintenance, then the device's
/// own last reported state (unknown before its first event after installation).
/// </summary>
public static class UptimeCalculator
{
    public static DeviceAvailability Calculate(
        DeviceFacts device,
        IReadOnlyList<StatusPoint> events,
        IReadOnlyList<TimeRange> hubUp,
        IReadOnlyList<TimeRange> maintenance,
        long fromMs,
        long toMs,
        DailySeries? daily = null)
    {
        var points = Points(device, events, hubUp, maintenance, toMs);
        var sweep = new Sweep(device, fromMs, toMs, daily);
        foreach (var p in points)
        {
            sweep.AdvanceTo(p.Ts);
            sweep.Apply(p.Change);
        }

        sweep.AdvanceTo(toMs);
        return sweep.Finish();
    }

    private static List<SweepPoint> Points(DeviceFacts device, IReadOnlyList<StatusPoint> events, IReadOnlyList<TimeRange> hubUp, IReadOnlyList<TimeRange> maintenance, long toMs)
    {
        var points = new List<SweepPoint>(events.Count + (2 * (hubUp.Count + maintenance.Count + device.Installed.Count)));
        AddRanges(points, device.Installed, SweepChange.InstallStart, SweepChange.InstallEnd, toMs);
        AddRanges(points, hubUp, SweepChange.HubUp, SweepChange.HubDown, toMs);
        AddRanges(points, maintenance, SweepChange.MaintenanceStart, SweepChange.MaintenanceEnd, toMs);
        foreach (var e in events)
        {
            if (e.Ts < toMs)
            {
                points.Add(new SweepPoint(e.Ts, e.Online ? SweepChange.WentOnline : SweepChange.WentOffline));
            }
        }

        points.Sort(SweepPoint.Compare);
        return points;
    }

    private static void AddRanges(List<SweepPoint> points, IReadOnlyList<TimeRange> ranges, SweepChange start, SweepChange end, long toMs)
    {
        foreach (var r in ranges)
        {
            if (r.Start >= toMs || r.End <= r.Start)
            {
                continue;
            }

            points.Add(new SweepPoint(r.Start, start));
            if (r.End < toMs)
            {
                points.Add(new SweepPoint(r.End, end));
            }
        }
    }
}
