using System.Text.Json;
using Dapper;
using TanKy.DeviceSim.Node;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Accounts;
using TanKy.Hub.Cli;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Conformance;

/// <summary>
/// A vendor's test bench: the foundation commune plus a camera and an LED board, one clip in the
/// library (for the pre-cache clause), a technician's token, and short clause timeouts so a
/// faulty device fails in seconds. Devices run as simulated nodes with an optional fault.
/// </summary>
public sealed class ConformanceBench : IAsyncDisposable
{
    private readonly List<SimulatedNode> _nodes = [];

    private ConformanceBench(CommuneHarness c, string technician, string viewer)
    {
        C = c;
        TechnicianToken = technician;
        ViewerToken = viewer;
    }

    public CommuneHarness C { get; }

    public string TechnicianToken { get; }

    public string ViewerToken { get; }

    public string? ClipId { get; private set; }

    public static async Task<ConformanceBench> StartAsync()
    {
        var c = CommuneHarness.Prepare();
        foreach (var d in new[]
        {
            new NewDevice("cam-khoi-1", DeviceKind.Camera, ["khoi-1"], "Camera ngã tư Khối 1"),
            new NewDevice("led-khoi-1", DeviceKind.LedBoard, ["khoi-1"], "Bảng LED nhà văn hoá"),
        })
        {
            c.Secrets[d.Id] = c.Dir.Devices.Add(d);
        }

        var users = new UserStore(c.Dir.Db, TimeProvider.System);
        users.Add("ky-thuat", Role.Technician, []);
        users.Add("xem", Role.Viewer, []);
        var tokens = new TokenService(c.Dir.Db, users, TimeProvider.System);
        var bench = new ConformanceBench(c, tokens.Create("ky-thuat"), tokens.Create("xem"));
        await c.StartHubAsync(new Dictionary<string, string>
        {
            ["DeviceControl:ReplyGrace"] = "00:00:00.200",
            ["DeviceControl:SweepInterval"] = "00:00:00.100",
            ["Conformance:ReplyTimeout"] = "00:00:03",
            ["Conformance:ReportedTimeout"] = "00:00:04",
            ["Conformance:RebootTimeout"] = "00:00:08",
            ["Conformance:CacheTimeout"] = "00:00:20",
        });
        using var wav = new MemoryStream(ToneWav.Create(TimeSpan.FromSeconds(1), 440));
        var clip = await c.Hub.Get<MediaLibrary>().ImportAsync(wav, "tone.wav", "Âm thử 1 giây", "test", CancellationToken.None);
        clip.Succeeded.Should().BeTrue(clip.Rejection?.Detail);
        bench.ClipId = clip.Item!.Id;
        return bench;
    }

    /// <summary>Starts the device's simulated node (reboots in 200 ms, telemetry every second) and waits until the hub has it online (and a speaker is clock-synchronised).</summary>
    public async Task<SimulatedNode> StartNodeAsync(string id, ConformanceFault fault = ConformanceFault.None)
    {
        var options = C.NodeOptions(id) with
        {
            RebootDelay = TimeSpan.FromMilliseconds(200),
            Faults = new FaultOptions { ConformanceFault = fault },
        };
        var node = new SimulatedNode(options);
        _nodes.Add(node);
        var online = C.WaitForStatusAsync(id, DeviceStatus.Online);
        await node.StartAsync();
        await node.WaitUntilConnectedAsync(CommuneHarness.Wait);
        await online;
        if (options.Kind == DeviceKind.Speaker)
        {
            await node.WaitForClockSynchronisedAsync(CommuneHarness.Wait);
        }

        return node;
    }

    /// <summary><c>tanky-hub conformance run --device ID … --out FILE</c> as the technician (plus <paramref name="extra"/>, e.g. <c>--lang en</c>); the exit code and the report written.</summary>
    public async Task<(int Code, JsonElement Report)> RunCliAsync(string id, string? zone = null, params string[] extra)
    {
        var file = Path.Combine(C.Dir.Path, $"conformance-{id}-{Guid.NewGuid():N}.json");
        string[] args = ["conformance", "run", "--device", id, "--out", file, "--hub", C.Hub.Http.BaseAddress!.ToString(), "--token", TechnicianToken];
        var code = await HubCli.RunAsync(zone is null ? [.. args, .. extra] : [.. args, "--zone", zone, .. extra]);
        var report = File.Exists(file) ? JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.Clone() : default;
        return (code, report);
    }

    /// <summary>The audit rows of a device's runs: (who, passed, failed).</summary>
    public List<(string By, long? Passed, long? Failed)> Audit(string id)
    {
        using var c = C.Dir.Db.Open();
        return c.Query<(string, long?, long?)>("SELECT run_by, passed, failed FROM conformance_runs WHERE device_id = @id ORDER BY id", new { id }).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await C.DisposeAsync();
    }
}
