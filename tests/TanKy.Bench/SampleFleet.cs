using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;

namespace TanKy.Bench;

/// <summary>The sample commune ×N (<see cref="SampleCommune"/>) in a fresh data directory, with an admin token and the simulator's fleet file.</summary>
internal sealed class SampleFleet : BenchDataDir
{
    private SampleFleet(string prefix)
        : base(prefix)
    {
    }

    public FleetFile Fleet { get; private set; } = null!;

    public int Devices => Fleet.Devices.Count;

    public static SampleFleet Create(int copies, string prefix)
    {
        var fleet = new SampleFleet(prefix);
        var db = fleet.Db;
        SampleCommune.Import(db, copies);
        new FleetExporter(db, new DeviceRegistry(db, TimeProvider.System)).Export(fleet.FleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);
        fleet.Fleet = FleetFile.Load(fleet.FleetPath);
        var users = new UserStore(db, TimeProvider.System);
        users.Add("quan-tri", Role.Admin, []);
        fleet.Token = new TokenService(db, users, TimeProvider.System).Create("quan-tri", "bench");
        return fleet;
    }
}
