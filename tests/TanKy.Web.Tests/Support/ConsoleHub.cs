using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Accounts;

namespace TanKy.Web.Tests.Support;

/// <summary>
/// The real hub (embedded broker, SQLite, HTTP on a free 127.0.0.1 port) over the small commune of
/// <see cref="CommuneHarness"/> (Khối 1, Xóm 3; two speakers and a Wi-Fi AP), optionally with the
/// first admin already created and the simulated devices online.
/// </summary>
public sealed class ConsoleHub : IAsyncDisposable
{
    public const string AdminName = "admin";
    public const string AdminPassword = "mat-khau-quan-tri-1";
    public const string HeadName = "truong-khoi-1";
    public const string HeadPassword = "mat-khau-truong-khoi";

    private ConsoleHub(CommuneHarness commune) => Commune = commune;

    public CommuneHarness Commune { get; }

    public Uri BaseAddress => Commune.Hub.Http.BaseAddress!;

    public T Get<T>() where T : notnull => Commune.Hub.Get<T>();

    /// <param name="withAdmin">Create the first admin (no first-run setup page).</param>
    /// <param name="withDevices">Start the simulated speakers and Wi-Fi AP and wait until they are online.</param>
    public static async Task<ConsoleHub> StartAsync(bool withAdmin = true, bool withDevices = false, IDictionary<string, string>? settings = null)
    {
        var commune = await CommuneHarness.StartAsync(settings);
        var hub = new ConsoleHub(commune);
        if (withAdmin)
        {
            hub.Get<PasswordLogin>().CreateFirstAdmin(AdminName, AdminPassword);
        }

        if (withDevices)
        {
            foreach (var id in commune.Secrets.Keys)
            {
                await commune.StartNodeAsync(id);
            }
        }

        return hub;
    }

    /// <summary>A user with a console password (hamlet heads need zones).</summary>
    public User AddUser(string name, Role role, string password, params string[] zones) =>
        Get<UserStore>().Add(name, role, zones, password);

    /// <summary>The hamlet head of Khối 1.</summary>
    public User AddHamletHead() => AddUser(HeadName, Role.HamletHead, HeadPassword, "khoi-1");

    public ValueTask DisposeAsync() => Commune.DisposeAsync();
}
