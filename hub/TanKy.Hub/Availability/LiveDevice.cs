namespace TanKy.Hub.Availability;

/// <summary>What the hub knows right now about one device, kept in memory for the watchdog and the status line.</summary>
public sealed class LiveDevice
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required IReadOnlyList<string> Zones { get; set; }

    public string Status { get; set; } = Devices.DeviceStatus.Unknown;

    public long LastSeenMs { get; set; }

    public int IntervalSeconds { get; set; }
}
