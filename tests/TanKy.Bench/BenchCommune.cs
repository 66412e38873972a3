using System.Globalization;
using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>A synthetic commune of N devices in a fresh data directory, with its simulator fleet file.</summary>
internal sealed class BenchCommune : IDisposable
{
    public BenchCommune(int devices, string prefix)
    {
        DataDir = Path.Combine(Path.GetTempPath(), $"tanky-bench-{prefix}-{Guid.NewGuid():N}"[..40]);
        Db = new Database(DataDir);
        Db.Migrate();
        var time = TimeProvider.System;
        var zones = new ZoneRegistry(Db, time);
        var registry = new DeviceRegistry(Db, time);
        var commune = new CommuneFile();
        for (var z = 1; z <= 12; z++)
        {
            commune.Zones.Add(new CommuneFile.ZoneEntry { Id = $"z-{z}", Name = $"Khối {z}" });
        }

        var kinds = new[] { "speaker", "speaker", "speaker", "wifi-ap", "camera" };
        for (var i = 0; i < devices; i++)
        {
            commune.Devices.Add(new CommuneFile.DeviceEntry
            {
                Id = $"dev-{i.ToString("D5", CultureInfo.InvariantCulture)}",
                Kind = kinds[i % kinds.Length],
                Zones = [$"z-{(i % 12) + 1}"],
            });
        }

        new DeviceImporter(Db, registry, zones).Import(commune, "bench");
        FleetPath = Path.Combine(DataDir, "fleet.json");
        new FleetExporter(Db, registry).Export(FleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);
        Fleet = FleetFile.Load(FleetPath);
    }

    public string DataDir { get; }

    public Database Db { get; }

    public string FleetPath { get; }

    public FleetFile Fleet { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
