using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>What schedule files may refer to: the registry's zones and devices, and the media library's clips with their durations.</summary>
public sealed record ScheduleReferences(IReadOnlyList<string> Zones, IReadOnlySet<string> Devices, IReadOnlyDictionary<string, TimeSpan> Media)
{
    /// <summary>The ids of the registered relay sources (tiếp sóng) that relays and recordings may name.</summary>
    public IReadOnlySet<string> Sources { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public static ScheduleReferences From(ZoneRegistry zones, DeviceRegistry devices, MediaLibrary media, IRelaySources? sources = null) => new(
        zones.List().Select(z => z.Id).ToList(),
        devices.List().Select(d => d.Id).ToHashSet(StringComparer.Ordinal),
        media.ListAll().ToDictionary(m => m.Id, m => TimeSpan.FromMilliseconds(m.DurationMs), StringComparer.Ordinal))
    {
        Sources = (sources?.List() ?? []).Select(s => s.Id).ToHashSet(StringComparer.Ordinal),
    };
}
