using TanKy.Hub.Availability.Model;

namespace TanKy.Hub.Reports;

/// <summary>Accumulates devices into a group row (commune, kind or hamlet).</summary>
internal sealed class ReportGroup
{
    public AvailabilityTotals Totals { get; } = new();

    public int Installed { get; private set; }

    public int OnlineNow { get; private set; }

    public void Add(DeviceAvailability device, bool onlineNow)
    {
        Totals.Add(device.Totals);
        Installed += device.InstalledAtEnd ? 1 : 0;
        OnlineNow += onlineNow ? 1 : 0;
    }

    public ReportRow ToRow(string level, string id, string name, string kind = "") => ReportRow.From(level, id, name, Totals, Installed, OnlineNow, kind);
}
