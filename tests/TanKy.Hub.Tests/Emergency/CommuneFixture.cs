using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Tests.Emergency;

/// <summary>A data directory holding the sample commune (hub/TanKy.Hub/commune/tan-ky.yaml): 12 hamlets, 63 devices with coordinates.</summary>
internal sealed class CommuneFixture : IDisposable
{
    public CommuneFixture()
    {
        new DeviceImporter(Dir.Db, Dir.Devices, Dir.Zones).ImportFile(Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml"));
    }

    public TempDataDir Dir { get; } = new();

    public Database Db => Dir.Db;

    /// <summary>Nghệ An (ISO 3166-2 VN-22, provincial code 40) covers the whole commune.</summary>
    public static List<CapGeocodeMapping> Geocodes =>
    [
        new() { ValueName = "ISO3166-2", Value = "VN-22", Zones = ["*"] },
        new() { ValueName = "VN-MaTinh", Value = "40", Zones = ["*"] },
    ];

    public CapZoneMap Map() => new(
        Dir.Zones.List().Select(z => new CapZoneMap.ZonePlace(z.Id, z.Name)).ToList(),
        Dir.Devices.List().Where(d => d.Lat is not null).Select(d => new CapZoneMap.DevicePlace(d.Id, d.Zones, new GeoPoint(d.Lat!.Value, d.Lon!.Value))).ToList(),
        Geocodes,
        ["Xã Tân Kỳ"]);

    public void Dispose() => Dir.Dispose();
}
