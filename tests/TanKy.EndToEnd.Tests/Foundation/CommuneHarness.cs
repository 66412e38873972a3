using Dapper;
using TanKy.DeviceSim.Node;
using TanKy.Hub.Availability;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Foundation;

/// <summary>
/// A small commune (two hamlets, three devices) in a test data directory, the real hub on free
/// loopback ports, and simulated nodes with the secrets the registry issued.
/// </summary>
public sealed class CommuneHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly List<SimulatedNode> _nodes = [];
    private TimeProvider? _clock;
    private Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? _customize;

    private CommuneHarness(TempDataDir dir, Dictionary<string, string> secrets)
    {
        Dir = dir;
        Secrets = secrets;
    }

    public TempDataDir Dir { get; }

    public Dictionary<string, string> Secrets { get; }

    public TestHub Hub { get; private set; } = null!;

    public static async Task<CommuneHarness> StartAsync(IDictionary<string, string>? settings = null)
    {
        var harness = Prepare();
        await harness.StartHubAsync(settings);
        return harness;
    }

    /// <summary>The commune's data directory only; call <see cref="StartHubAsync"/> when the broker side is ready.</summary>
    public static CommuneHarness Prepare()
    {
        var dir = new TempDataDir();
        dir.Zones.Add("khoi-1", "Khối 1");
        dir.Zones.Add("xom-3", "Xóm 3");
        var secrets = new Dictionary<string, string>
        {
            ["loa-khoi-1-a"] = dir.Devices.Add(new NewDevice("loa-khoi-1-a", DeviceKind.Speaker, ["khoi-1"], "Cụm loa Khối 1")),
            ["loa-xom-3-a"] = dir.Devices.Add(new NewDevice("loa-xom-3-a", DeviceKind.Speaker, ["xom-3"], "Cụm loa Xóm 3")),
            ["wifi-khoi-1"] = dir.Devices.Add(new NewDevice("wifi-khoi-1", DeviceKind.WifiAp, ["khoi-1"], "Wi-Fi Khối 1")),
        };
        return new CommuneHarness(dir, secrets);
    }

    /// <param name="clock">
    /// The hub's clock; null is the system clock. A test that asks about fixed dates (a report for
    /// 2026-11, when the devices were registered on <see cref="Dir"/>'s fake clock) passes <c>Dir.Time</c>.
    /// </param>
    /// <param name="customize">Extra services for the hub (test doubles), kept for restarts.</param>
    public async Task StartHubAsync(IDictionary<string, string>? settings = null, int? mqttPort = null, TimeProvider? clock = null,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? customize = null)
    {
        _clock = clock;
        _customize = customize;
        Hub = await TestHub.StartAsync(Dir.Path, mqttPort, settings, customize, clock);
    }

    /// <summary>Stops the hub and starts it again on the same data directory, MQTT port and clock.</summary>
    public async Task RestartHubAsync(IDictionary<string, string>? settings = null)
    {
        await Hub.StopAsync();
        await Hub.DisposeAsync();

        // The same port, given explicitly: the devices know only this one. It is the port the OS
        // gave this hub a moment ago, released by its stop just now; only in this instant could
        // another process be handed it, and then the restart fails loudly ("address in use").
        Hub = await TestHub.StartAsync(Dir.Path, Hub.MqttPort, settings, _customize, _clock);
    }

    public NodeOptions NodeOptions(string id, int? port = null, string? secret = null) => new()
    {
        Site = "tan-ky",
        Port = port ?? Hub.MqttPort,
        DeviceId = id,
        Kind = Dir.Devices.Get(id)!.Kind,
        Secret = secret ?? Secrets[id],
        TelemetryInterval = TimeSpan.FromSeconds(1),
        ReconnectBase = TimeSpan.FromMilliseconds(50),
        ReconnectCap = TimeSpan.FromMilliseconds(500),
    };

    public async Task<SimulatedNode> StartNodeAsync(string id, bool waitOnline = true, int? port = null)
    {
        var node = new SimulatedNode(NodeOptions(id, port));
        _nodes.Add(node);
        var online = WaitForStatusAsync(id, DeviceStatus.Online);
        await node.StartAsync();
        if (waitOnline)
        {
            await node.WaitUntilConnectedAsync(Wait);
            await online;
            await WaitForRegistryZonesAsync(node);
        }

        return node;
    }

    /// <summary>
    /// A speaker learns its zones only from its desired state (issue #15): completes when it follows
    /// the registry's zones for it, so a play order sent from now on reaches it. At once for other kinds.
    /// </summary>
    public Task WaitForRegistryZonesAsync(SimulatedNode node) =>
        node.Options.Kind == DeviceKind.Speaker ? node.WaitForZonesAsync(Dir.Devices.Get(node.DeviceId)!.Zones, Wait) : Task.CompletedTask;

    /// <summary>Completes when the hub has stored <paramref name="status"/> for the device (at once if it already has).</summary>
    internal async Task<StatusChange> WaitForStatusAsync(string id, string status, string? reason = null)
    {
        var transitions = Hub.Get<StatusTransitions>();
        var tcs = new TaskCompletionSource<StatusChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, StatusChange change)
        {
            if (change.DeviceId == id && change.Status == status && (reason is null || change.Reason == reason))
            {
                tcs.TrySetResult(change);
            }
        }

        transitions.Changed += OnChanged;
        try
        {
            var current = Dir.Devices.Get(id)!;
            if (current.Status == status && reason is null)
            {
                return new StatusChange(id, status, "already", current.StatusSince ?? DateTimeOffset.MinValue);
            }

            return await tcs.Task.WaitAsync(Wait);
        }
        finally
        {
            transitions.Changed -= OnChanged;
        }
    }

    public List<(string Status, string Reason)> StatusEvents(string id)
    {
        using var c = Dir.Db.Open();
        return c.Query<(string, string)>("SELECT status, reason FROM status_events WHERE device_id = @id ORDER BY id", new { id }).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Hub.DisposeAsync();
        Dir.Dispose();
    }
}
