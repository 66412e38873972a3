using Dapper;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Protocol;
using TanKy.Hub.Tests.Support;

namespace TanKy.Web.Tests.Support;

/// <summary>
/// The real hub (embedded broker, SQLite, HTTP on a free 127.0.0.1 port) over the small commune of
/// <see cref="CommuneHarness"/> (Khối 1, Xóm 3; two speakers, a Wi-Fi AP) plus a camera in Khối 1, optionally with the
/// first admin already created and the simulated devices online.
/// </summary>
public sealed class ConsoleHub : IAsyncDisposable
{
    public const string AdminName = "admin";
    public const string AdminPassword = "mat-khau-quan-tri-1";
    public const string HeadName = "truong-khoi-1";
    public const string HeadPassword = "mat-khau-truong-khoi";

    // Positions near the real Khối 1 / Xóm 3 of Tân Kỳ, so the dashboard map has something to draw.
    private static readonly Dictionary<string, (double Lat, double Lon)> Positions = new()
    {
        ["loa-khoi-1-a"] = (19.04083, 105.27176),
        ["wifi-khoi-1"] = (19.04013, 105.27290),
        ["loa-xom-3-a"] = (19.05520, 105.25110),
        ["cam-khoi-1"] = (19.04120, 105.27050),
    };

    private ConsoleHub(CommuneHarness commune) => Commune = commune;

    /// <summary>The simulated devices started with <c>withDevices</c>, by id.</summary>
    public Dictionary<string, SimulatedNode> Nodes { get; } = new(StringComparer.Ordinal);

    public CommuneHarness Commune { get; }

    public Uri BaseAddress => Commune.Hub.Http.BaseAddress!;

    public T Get<T>() where T : notnull => Commune.Hub.Get<T>();

    /// <param name="withAdmin">Create the first admin (no first-run setup page).</param>
    /// <param name="withDevices">Start the simulated speakers and Wi-Fi AP and wait until they are online.</param>
    /// <param name="fixedClock">
    /// Run the hub on the data directory's fake clock instead of the system clock, for pages about
    /// fixed dates: noon of 2026-11-28, six hours after the devices were registered, running at real
    /// speed from there (<see cref="RunningClock"/>).
    /// </param>
    public static async Task<ConsoleHub> StartAsync(bool withAdmin = true, bool withDevices = false, IDictionary<string, string>? settings = null, bool fixedClock = false,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? customize = null)
    {
        var commune = CommuneHarness.Prepare();
        commune.Secrets["cam-khoi-1"] = commune.Dir.Devices.Add(new NewDevice("cam-khoi-1", DeviceKind.Camera, ["khoi-1"], "Camera ngã ba chợ Khối 1"));
        using (var c = commune.Dir.Db.Open())
        {
            foreach (var (id, (lat, lon)) in Positions)
            {
                c.Execute("UPDATE devices SET lat = @lat, lon = @lon WHERE id = @id", new { id, lat, lon });
            }
        }

        // Noon of the registration day, running at real speed from there: a browser session against a
        // frozen clock timed out at login now and then (2 of ~39 runs).
        await commune.StartHubAsync(settings, clock: fixedClock ? new RunningClock(commune.Dir.Time.GetUtcNow().AddHours(6)) : null, customize: customize);
        var hub = new ConsoleHub(commune);
        if (withAdmin)
        {
            hub.Get<PasswordLogin>().CreateFirstAdmin(AdminName, AdminPassword);
        }

        if (withDevices)
        {
            foreach (var id in commune.Secrets.Keys)
            {
                hub.Nodes[id] = await commune.StartNodeAsync(id);
            }
        }

        return hub;
    }

    /// <summary>A user with a console password (hamlet heads need zones).</summary>
    public User AddUser(string name, Role role, string password, params string[] zones) =>
        Get<UserStore>().Add(name, role, zones, password);

    /// <summary>The hamlet head of Khối 1.</summary>
    public User AddHamletHead() => AddUser(HeadName, Role.HamletHead, HeadPassword, "khoi-1");

    /// <summary>A tone clip in the media library; returns its id.</summary>
    public async Task<string> ImportClipAsync(string title, TimeSpan length, double hz = 440)
    {
        using var wav = new MemoryStream(ToneWav.Create(length, hz));
        var result = await Get<MediaLibrary>().ImportAsync(wav, "tone.wav", title, AdminName, CancellationToken.None);
        result.Succeeded.Should().BeTrue(result.Rejection?.Detail);
        return result.Item!.Id;
    }

    public ValueTask DisposeAsync() => Commune.DisposeAsync();
}
