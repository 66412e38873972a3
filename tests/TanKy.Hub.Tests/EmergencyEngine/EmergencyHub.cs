using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Tests.Broadcasts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary>The real hub over the two sample hamlets, with users of every role and (optionally) in-memory clips.</summary>
internal sealed class EmergencyHub : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = [];

    private EmergencyHub(TempDataDir dir) => Dir = dir;

    public TempDataDir Dir { get; }

    public TestHub Hub { get; private set; } = null!;

    public InMemoryMedia Media { get; } = new();

    /// <param name="clock">What the hub reads as now (null: the system clock); alerts and expiries are then built from it.</param>
    public static async Task<EmergencyHub> StartAsync(IDictionary<string, string>? settings = null, bool realMedia = false, TimeProvider? clock = null)
    {
        var hub = new EmergencyHub(new TempDataDir());
        hub.Dir.SeedTwoHamlets();
        var users = new UserStore(hub.Dir.Db, TimeProvider.System);
        var tokens = new TokenService(hub.Dir.Db, users, TimeProvider.System);
        foreach (var (name, role, zones) in new[]
        {
            ("van-hoa", Role.Officer, Array.Empty<string>()), ("truong-khoi-1", Role.HamletHead, ["khoi-1"]), ("ky-thuat", Role.Technician, []),
        })
        {
            users.Add(name, role, zones);
            hub._tokens[name] = tokens.Create(name);
        }

        hub.Media.Add("coi-hu", SignalEncoder.Encode("Còi hú", TimeSpan.FromMilliseconds(500)));
        hub.Hub = await TestHub.StartAsync(hub.Dir.Path, settings: settings, customize: realMedia ? null : b => b.Services.AddSingleton<IMediaPackets>(hub.Media), clock: clock);
        var mqtt = hub.Hub.Get<TanKy.Hub.Broker.IHubMqtt>();
        await EventuallyAsync(() => mqtt.IsConnected, "the hub's MQTT connection");
        return hub;
    }

    public HttpClient Client(string user) => Hub.ClientWithToken(_tokens[user]);

    public IBroadcastService Broadcasts => Hub.Get<IBroadcastService>();

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Polls (no sleeping thread) until <paramref name="condition"/> holds or the wait runs out.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? wait = null, Func<string>? state = null)
    {
        var until = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("timed out waiting for " + what + (state is null ? "" : " (" + state() + ")"));
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        Dir.Dispose();
    }
}
