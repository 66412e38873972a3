using System.Net.Http.Json;
using System.Text.Json;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Protocol;

using TanKy.Hub.Tests.Support;

namespace TanKy.EndToEnd.Tests.Emergency;

/// <summary>
/// The foundation commune plus an LED board per hamlet, an officer's token and two stored clips
/// (imported through the real media library), over the real hub and real simulated devices.
/// </summary>
public sealed class EmergencyCommune : IAsyncDisposable
{
    private EmergencyCommune(CommuneHarness c, string token)
    {
        C = c;
        Officer = c.Hub.ClientWithToken(token);
    }

    public CommuneHarness C { get; }

    public HttpClient Officer { get; }

    public string ShortClip { get; private set; } = "";

    public string LongClip { get; private set; } = "";

    public IBroadcastService Broadcasts => C.Hub.Get<IBroadcastService>();

    public static async Task<EmergencyCommune> StartAsync(IDictionary<string, string>? settings = null)
    {
        var c = CommuneHarness.Prepare();
        foreach (var d in new[]
        {
            new NewDevice("led-khoi-1", DeviceKind.LedBoard, ["khoi-1"], "Bảng LED nhà văn hoá Khối 1"),
            new NewDevice("led-xom-3", DeviceKind.LedBoard, ["xom-3"], "Bảng LED Xóm 3"),
        })
        {
            c.Secrets[d.Id] = c.Dir.Devices.Add(d);
        }

        var users = new UserStore(c.Dir.Db, TimeProvider.System);
        users.Add("van-hoa", Role.Officer, []);
        var token = new TokenService(c.Dir.Db, users, TimeProvider.System).Create("van-hoa");
        await c.StartHubAsync(settings);
        var commune = new EmergencyCommune(c, token);
        var mqtt = c.Hub.Get<Hub.Broker.IHubMqtt>();
        await EventuallyAsync(() => mqtt.IsConnected, "the hub's MQTT connection");
        commune.ShortClip = await commune.ImportAsync("Lời nhắn khẩn 1 giây", TimeSpan.FromSeconds(1), 440);
        commune.LongClip = await commune.ImportAsync("Chương trình thời sự", TimeSpan.FromSeconds(4), 330);
        return commune;
    }

    public async Task<string> ImportAsync(string title, TimeSpan length, double hz)
    {
        using var wav = new MemoryStream(ToneWav.Create(length, hz));
        var result = await C.Hub.Get<MediaLibrary>().ImportAsync(wav, "tone.wav", title, "test", CancellationToken.None);
        result.Succeeded.Should().BeTrue(result.Rejection?.Detail);
        return result.Item!.Id;
    }

    /// <summary>POSTs an emergency as the officer and returns its broadcast id.</summary>
    public async Task<string> TriggerAsync(object body)
    {
        var response = await Officer.PostAsJsonAsync("/api/v1/emergency", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.Should().BeTrue(json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>Polls without blocking a thread until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? wait = null)
    {
        var until = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        await C.DisposeAsync();
    }
}
