using System.Globalization;
using System.Text.Json.Nodes;
using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Hosting;
using TanKy.Hub.Storage;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.Bench;

/// <summary>
/// The bundled sample commune (<c>commune/tan-ky.yaml</c>: 12 hamlets, 51 devices) in a fresh data
/// directory, optionally ×N (copies get ids suffixed <c>-x2</c>…), with an admin token and the
/// simulator's fleet file.
/// </summary>
internal sealed class SampleFleet : IDisposable
{
    private SampleFleet(string dataDir, Database db)
    {
        DataDir = dataDir;
        Db = db;
        FleetPath = Path.Combine(dataDir, "fleet.json");
    }

    public string DataDir { get; }

    public Database Db { get; }

    public string FleetPath { get; }

    public FleetFile Fleet { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public int Devices => Fleet.Devices.Count;

    public static SampleFleet Create(int copies, string prefix)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"tanky-{prefix}-{Guid.NewGuid():N}"[..40]);
        var db = new Database(dataDir);
        db.Migrate();
        var fleet = new SampleFleet(dataDir, db);
        var time = TimeProvider.System;
        var registry = new DeviceRegistry(db, time);
        var importer = new DeviceImporter(db, registry, new ZoneRegistry(db, time));
        importer.ImportFile(Path.Combine(AppContext.BaseDirectory, "commune", "tan-ky.yaml"));
        var copy = new CommuneFile();
        var originals = registry.List();
        for (var k = 2; k <= copies; k++)
        {
            copy.Devices.AddRange(originals.Select(d => new CommuneFile.DeviceEntry
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{d.Id}-x{k}"),
                Kind = d.Kind.ToWire(),
                Name = $"{d.Name} ({k})",
                Zones = [.. d.Zones],
            }));
        }

        if (copy.Devices.Count > 0)
        {
            importer.Import(copy, "bench");
        }

        new FleetExporter(db, registry).Export(fleet.FleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);
        fleet.Fleet = FleetFile.Load(fleet.FleetPath);
        var users = new UserStore(db, time);
        users.Add("quan-tri", Role.Admin, []);
        fleet.Token = new TokenService(db, users, time).Create("quan-tri", "bench");
        return fleet;
    }

    /// <summary>
    /// Stores a new desired state for every device with no hub running (as if set while the broker
    /// was down): one field per kind, derived from <paramref name="round"/>. Returns id → version.
    /// </summary>
    public Dictionary<string, long> StoreDesiredWhileDown(int round)
    {
        var desired = new DesiredStateService(Db, new OfflineMqtt(), Microsoft.Extensions.Options.Options.Create(new HubOptions { Site = "tan-ky", DataDir = DataDir }), TimeProvider.System);
        var registry = new DeviceRegistry(Db, TimeProvider.System);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var d in registry.List())
        {
            var change = d.Kind switch
            {
                DeviceKind.Speaker => new JsonObject { ["volume"] = (round * 7) % 101 },
                DeviceKind.WifiAp => new JsonObject { ["max_clients"] = 1 + (round % 200) },
                DeviceKind.LedBoard => new JsonObject { ["brightness"] = (round * 11) % 101 },
                _ => new JsonObject { ["power"] = round % 2 == 0 },
            };
            versions[d.Id] = desired.SetAsync(d.Id, change, "bench").GetAwaiter().GetResult().Version;
        }

        return versions;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
