using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary>A real hub with two hamlets, a camera, an LED board and one user of each role (no device connected).</summary>
public sealed class ControlApiFixture : IAsyncLifetime
{
    public TempDataDir Dir { get; } = new();

    public TestHub Hub { get; private set; } = null!;

    public Dictionary<string, string> Secrets { get; } = [];

    public Dictionary<Role, string> Tokens { get; } = [];

    public async Task InitializeAsync()
    {
        Dir.SeedTwoHamlets();
        Secrets["cam-khoi-1"] = Dir.Devices.Add(new NewDevice("cam-khoi-1", DeviceKind.Camera, ["khoi-1"], "Camera ngã tư Khối 1"));
        Secrets["cam-xom-3"] = Dir.Devices.Add(new NewDevice("cam-xom-3", DeviceKind.Camera, ["xom-3"], "Camera Xóm 3"));
        Dir.Devices.Add(new NewDevice("led-khoi-1", DeviceKind.LedBoard, ["khoi-1"], "Bảng LED chợ"));
        var users = new UserStore(Dir.Db, TimeProvider.System);
        var tokens = new TokenService(Dir.Db, users, TimeProvider.System);
        foreach (var (role, name, zones) in new[]
        {
            (Role.Admin, "quan-tri", Array.Empty<string>()),
            (Role.Technician, "ky-thuat", []),
            (Role.Officer, "van-hoa", []),
            (Role.Viewer, "lanh-dao", []),
            (Role.HamletHead, "truong-khoi-1", ["khoi-1"]),
        })
        {
            users.Add(name, role, zones);
            Tokens[role] = tokens.Create(name);
        }

        Hub = await TestHub.StartAsync(Dir.Path, settings: new Dictionary<string, string>
        {
            ["DeviceControl:SnapshotMaxBytes"] = "65536",
            ["Gateway:Sensors:Simulated"] = "true",
        });
    }

    public HttpClient As(Role role) => Hub.ClientWithToken(Tokens[role]);

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        Dir.Dispose();
    }
}
