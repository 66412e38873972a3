namespace TanKy.Hub.Availability.Model;

/// <summary>The result of <see cref="UptimeCalculator"/> for one device over one period.</summary>
public sealed class DeviceAvailability(DeviceFacts device)
{
    public DeviceFacts Device { get; } = device;

    public AvailabilityTotals Totals { get; } = new() { Devices = 1 };

    /// <summary>Every incident in the period, in time order.</summary>
    public List<Incident> Incidents { get; } = [];

    /// <summary>Was the device installed at the end of the period?</summary>
    public bool InstalledAtEnd { get; set; }

    /// <summary>Was the device installed at any moment of the period?</summary>
    public bool InstalledInPeriod { get; set; }
}
