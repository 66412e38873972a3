using System.Net.Http.Json;
using System.Text.Json;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.DeviceControl;

/// <summary>
/// The foundation commune plus one device of every controllable kind, a technician's token and
/// short command timeouts, over the real hub and real simulated devices.
/// </summary>
public sealed class ControlCommune : IAsyncDisposable
{
    private ControlCommune(CommuneHarness c, string token)
    {
        C = c;
        Technician = c.Hub.ClientWithToken(token);
        Token = token;
    }

    public CommuneHarness C { get; }

    public HttpClient Technician { get; }

    public string Token { get; }

    /// <param name="clock">The hub's clock; null is the system clock.</param>
    /// <param name="settings">Hub settings added to (or overriding) the commune's own.</param>
    public static async Task<ControlCommune> StartAsync(TimeProvider? clock = null, IDictionary<string, string>? settings = null)
    {
        var c = CommuneHarness.Prepare();
        foreach (var d in new[]
        {
            new NewDevice("loa-khoi-1-b", DeviceKind.Speaker, ["khoi-1"], "Cụm loa Khối 1 (chợ)"),
            new NewDevice("cam-khoi-1", DeviceKind.Camera, ["khoi-1"], "Camera ngã tư Khối 1"),
            new NewDevice("led-khoi-1", DeviceKind.LedBoard, ["khoi-1"], "Bảng LED nhà văn hoá"),
        })
        {
            c.Secrets[d.Id] = c.Dir.Devices.Add(d);
        }

        var users = new UserStore(c.Dir.Db, TimeProvider.System);
        users.Add("ky-thuat", Role.Technician, []);
        var token = new TokenService(c.Dir.Db, users, TimeProvider.System).Create("ky-thuat");
        var all = new Dictionary<string, string>
        {
            ["DeviceControl:ReplyGrace"] = "00:00:00.200",
            ["DeviceControl:SweepInterval"] = "00:00:00.100",
            ["DeviceControl:BulkApplyWait"] = "00:00:10",
            ["Gateway:Sensors:Simulated"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        await c.StartHubAsync(all, clock: clock);
        return new ControlCommune(c, token);
    }

    public Task<SimulatedNode> StartAsync(string id) => C.StartNodeAsync(id);

    public async Task<JsonElement> CommandAsync(string id, string op, object? args = null, int timeout = 10)
    {
        var response = await Technician.PostAsJsonAsync($"/api/v1/devices/{id}/commands", new { op, args, timeout });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<long> SetAsync(string id, object changes)
    {
        var response = await Technician.PutAsJsonAsync($"/api/v1/devices/{id}/desired", changes);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.Should().BeTrue(body.ToString());
        return body.GetProperty("version").GetInt64();
    }

    /// <summary>Completes when the hub has stored reported <paramref name="version"/> (or newer) of the device.</summary>
    public async Task WaitForReportedAsync(string id, long version)
    {
        var recorder = C.Hub.Get<ReportedStateRecorder>();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRecorded(object? sender, (string DeviceId, long Version) r)
        {
            if (r.DeviceId == id && r.Version >= version)
            {
                reached.TrySetResult();
            }
        }

        recorder.Recorded += OnRecorded;
        try
        {
            if (C.Hub.Get<DesiredStateService>().GetReported(id)?.Version >= version)
            {
                return;
            }

            await reached.Task.WaitAsync(CommuneHarness.Wait);
        }
        finally
        {
            recorder.Recorded -= OnRecorded;
        }
    }

    public Task<JsonElement> StateAsync(string id) => Technician.GetFromJsonAsync<JsonElement>($"/api/v1/devices/{id}/state");

    public async ValueTask DisposeAsync()
    {
        Technician.Dispose();
        await C.DisposeAsync();
    }
}
