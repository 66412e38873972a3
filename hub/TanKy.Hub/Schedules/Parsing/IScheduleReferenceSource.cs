using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>Reads the current zones, devices and clips each time the schedule files are (re)loaded.</summary>
public interface IScheduleReferenceSource
{
    ScheduleReferences Read();
}

/// <summary>The registry and the media library of this hub's database.</summary>
internal sealed class RegistryReferenceSource(ZoneRegistry zones, DeviceRegistry devices, MediaLibrary media, IRelaySources? sources = null) : IScheduleReferenceSource
{
    public ScheduleReferences Read() => ScheduleReferences.From(zones, devices, media, sources);
}
