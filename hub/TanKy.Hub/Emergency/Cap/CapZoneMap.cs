namespace TanKy.Hub.Emergency.Cap;

/// <summary>What the zone resolution looks at: the commune's zones, where its devices stand, and the geocode rules.</summary>
internal sealed record CapZoneMap(
    IReadOnlyList<CapZoneMap.ZonePlace> Zones,
    IReadOnlyList<CapZoneMap.DevicePlace> Devices,
    IReadOnlyList<CapGeocodeMapping> Geocodes,
    IReadOnlyList<string> CommuneNames)
{
    public sealed record ZonePlace(string Id, string Name);

    public sealed record DevicePlace(string DeviceId, IReadOnlyList<string> Zones, GeoPoint Location);
}
