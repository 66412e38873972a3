using System.Globalization;
using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared.Data;

namespace TanKy.Bench;

/// <summary>N speakers over 12 hamlets, an officer's token, and the simulator fleet file, in a fresh data directory.</summary>
internal sealed class EmergencyBenchCommune : IDisposable
{
    public const int Zones = 12;

    public EmergencyBenchCommune(int speakers)
    {
        DataDir = Path.Combine(Path.GetTempPath(), $"tanky-bench-emg-{Guid.NewGuid():N}"[..40]);
        var db = new Database(DataDir);
        db.Migrate();
        var time = TimeProvider.System;
        var registry = new DeviceRegistry(db, time);
        var commune = new CommuneFile();
        for (var z = 1; z <= Zones; z++)
        {
            commune.Zones.Add(new CommuneFile.ZoneEntry { Id = $"z-{z}", Name = $"Khối {z}" });
        }

        for (var i = 0; i < speakers; i++)
        {
            commune.Devices.Add(new CommuneFile.DeviceEntry { Id = $"loa-{i.ToString("D4", CultureInfo.InvariantCulture)}", Kind = "speaker", Zones = [$"z-{(i % Zones) + 1}"] });
        }

        new DeviceImporter(db, registry, new ZoneRegistry(db, time)).Import(commune, "bench");
        var users = new UserStore(db, time);
        users.Add("van-hoa", Role.Officer, []);
        Token = new TokenService(db, users, time).Create("van-hoa");
        var fleetPath = Path.Combine(DataDir, "fleet.json");
        new FleetExporter(db, registry).Export(fleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);
        Fleet = FleetFile.Load(fleetPath);
    }

    public string DataDir { get; }

    public string Token { get; }

    public FleetFile Fleet { get; }

    /// <summary>The zone the commune gives speaker <paramref name="id"/> (loa-NNNN): the hub sends it as the speaker's desired zones.</summary>
    public static string ZoneOf(string id) => $"z-{(int.Parse(id[4..], CultureInfo.InvariantCulture) % Zones) + 1}";

    public static string[] AllZones => [.. Enumerable.Range(1, Zones).Select(z => $"z-{z}")];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
