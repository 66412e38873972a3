using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Storage;
using TanKy.Hub.Tests.Support;

namespace TanKy.Bench;

/// <summary>The sample commune ×N (<see cref="SampleCommune"/>) in a fresh data directory, with an admin token and the simulator's fleet file.</summary>
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
        SampleCommune.Import(db, copies);
        new FleetExporter(db, new DeviceRegistry(db, TimeProvider.System)).Export(fleet.FleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);
        fleet.Fleet = FleetFile.Load(fleet.FleetPath);
        var users = new UserStore(db, TimeProvider.System);
        users.Add("quan-tri", Role.Admin, []);
        fleet.Token = new TokenService(db, users, TimeProvider.System).Create("quan-tri", "bench");
        return fleet;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
