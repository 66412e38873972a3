namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// What the zone resolution looks at: the commune's zones, where its devices stand, the geocode
/// rules, the commune's names, the names of the units that contain it (district, province) and
/// extra names of hamlets (zone id → names).
/// </summary>
internal sealed record CapZoneMap(
    IReadOnlyList<CapZoneMap.ZonePlace> Zones,
    IReadOnlyList<CapZoneMap.DevicePlace> Devices,
    IReadOnlyList<CapGeocodeMapping> Geocodes,
    IReadOnlyList<string> CommuneNames,
    IReadOnlyList<string>? EnclosingNames = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? HamletNames = null)
{
    public sealed record ZonePlace(string Id, string Name);

    public sealed record DevicePlace(string DeviceId, IReadOnlyList<string> Zones, GeoPoint Location);
}
