using TanKy.Hub.Devices;
using TanKy.Hub.Media;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>What schedule files may refer to: the registry's zones and devices, and the media library's clips with their durations.</summary>
public sealed record ScheduleReferences(IReadOnlyList<string> Zones, IReadOnlySet<string> Devices, IReadOnlyDictionary<string, TimeSpan> Media)
{
    public static ScheduleReferences From(ZoneRegistry zones, DeviceRegistry devices, MediaLibrary media) => new(
        zones.List().Select(z => z.Id).ToList(),
        devices.List().Select(d => d.Id).ToHashSet(StringComparer.Ordinal),
        media.ListAll().ToDictionary(m => m.Id, m => TimeSpan.FromMilliseconds(m.DurationMs), StringComparer.Ordinal));
}
