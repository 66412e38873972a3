using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Http;

/// <summary>A device as the HTTP API shows it (no secret, ever).</summary>
internal sealed record DeviceDto(
    string Id,
    string Kind,
    string Name,
    IReadOnlyList<string> Zones,
    double? Lat,
    double? Lon,
    string Status,
    DateTimeOffset? StatusSince,
    DateTimeOffset? LastSeen,
    string? Firmware,
    IReadOnlyList<string> Capabilities)
{
    public static DeviceDto From(DeviceRecord d) =>
        new(d.Id, d.Kind.ToWire(), d.Name, d.Zones, d.Lat, d.Lon, d.Status, d.StatusSince, d.LastSeen, d.Firmware, d.Capabilities);

    /// <summary>As the running hub sees it: <c>lastSeen</c> is the last message of any kind, not the last one written to the registry.</summary>
    public static DeviceDto From(DeviceRecord d, IDevicePresence? presence) =>
        From(d) with { LastSeen = Latest(d.LastSeen, presence?.LastSeen(d.Id)) };

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
