using TanKy.Hub.Availability.Model;

namespace TanKy.Hub.Availability.Maintenance;

/// <summary>Planned work: the devices it covers are neither online nor offline during it.</summary>
public sealed record MaintenanceWindow(long Id, MaintenanceScope Scope, string Target, DateTimeOffset From, DateTimeOffset To, string Reason)
{
    public TimeRange Range => new(From.ToUnixTimeMilliseconds(), To.ToUnixTimeMilliseconds());

    public bool Covers(DeviceFacts device) => Scope switch
    {
        MaintenanceScope.Device => device.Id == Target,
        MaintenanceScope.Zone => device.Zones.Contains(Target, StringComparer.Ordinal),
        MaintenanceScope.Kind => device.Kind == Target,
        _ => false,
    };
}
