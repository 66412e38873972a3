using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Broker;
using TanKy.Hub.Tests.Support;
using Xunit.Abstractions;

namespace TanKy.Hub.Tests.Security;

/// <summary>
/// Issue #14, broker edge in embedded mode, against the real hub on 127.0.0.1: idle sockets and
/// bytes sent before CONNECT or over the packet limit cannot starve or bloat the hub.
/// The memory tests run the hub as a child process and read its RSS from /proc: an in-process
/// hub's memory is mixed with the test runner's and with every test running beside it, and
/// GC counters would miss what the issue measured (native memory, and what is never given back).
/// </summary>
public sealed class BrokerEdgeFlood_Tests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Another loopback address for the attacker, so its sockets are told apart from the device's.</summary>
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Three_thousand_idle_sockets_do_not_keep_a_device_out_nor_health_down()
    {
        // ulimit -n is 20,000 here: 3,000 client sockets plus at most 2,000 on the hub's side fit.
        const int idleSockets = 3000;
        var (secretA, _) = _dir.SeedTwoHamlets();

        // A long deadline keeps every idle socket waiting: the cap, not the timeout, must protect.
        await using var hub = await TestHub.StartAsync(_dir.Path, settings: new Dictionary<string, string> { ["Broker:ConnectTimeout"] = "00:05:00" });
        var edge = hub.Get<EmbeddedBroker>().Edge;
        var max = hub.Get<Microsoft.Extensions.Options.IOptions<BrokerOptions>>().Value.MaxPendingConnections;
        var idle = new List<Socket>(idleSockets);
        try
        {
            // The first request to a fresh hub compiles its HTTP pipeline: not what is measured here.
            (await hub.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
            for (var i = 0; i < idleSockets; i++)
            {
                idle.Add(await RawMqtt.OpenAsync(hub.MqttPort, Attacker));
            }

            await WaitUntilAsync(() => edge.Evicted >= idleSockets - max);
            edge.Pending.Should().BeLessThanOrEqualTo(max, "at most Broker:MaxPendingConnections sockets wait for CONNECT");

            var clock = Stopwatch.StartNew();
            await using var device = await TestMqttClient.ConnectAsync(hub.MqttPort, "loa-khoi-1-a", "loa-khoi-1-a", secretA);
            var login = clock.Elapsed;
            var health = await hub.Http.GetAsync(new Uri("/health", UriKind.Relative));
            var answered = clock.Elapsed;

            health.StatusCode.Should().Be(HttpStatusCode.OK);
            (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mqtt").GetString().Should().Be("connected");
            output.WriteLine($"login {login.TotalMilliseconds:0} ms, /health {(answered - login).TotalMilliseconds:0} ms, pending {edge.Pending}, evicted {edge.Evicted}");

            // The issue asks for 1 s; measured in TanKy.Bench (edge-flood). This bound is only a
            // failure guard, generous for a loaded 2-core machine.
            answered.Should().BeLessThan(TimeSpan.FromSeconds(10));
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Eight_connections_sending_25_MB_before_connect_grow_hub_rss_by_less_than_50_MB()
    {
        var (secretA, _) = _dir.SeedTwoHamlets();
        await using var hub = await HubChildProcess.StartAsync(_dir.Path);
        await WarmUpAsync(hub, secretA);
        var before = hub.RssMiB();

        long[] taken = new long[8];
        var closed = new bool[8];
        var peak = await hub.PeakRssDuringAsync(() => Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var socket = await RawMqtt.OpenAsync(hub.MqttPort, Attacker);
            using var stream = new NetworkStream(socket);
            await stream.WriteAsync(RawMqtt.Header(0x10, 25 * 1024 * 1024));
            taken[i] = await RawMqtt.SendUntilClosedAsync(stream, 25L * 1024 * 1024);
            closed[i] = await RawMqtt.ClosedByPeerAsync(stream);
        })));
        var after = hub.RssMiB();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS before {before:0.0} MiB, peak {peak:0.0} (+{peak - before:0.0}), after {after:0.0} (+{after - before:0.0}); bytes the kernel took per connection: {string.Join(", ", taken)}"));
        closed.Should().AllBeEquivalentTo(true, "the hub closes each connection at the header");
        (peak - before).Should().BeLessThan(50, "8 × 25 MB sent before CONNECT must not reach the hub's memory");
        await StillServesAsync(hub, secretA);
    }

    [Fact]
    public async Task A_1_MB_publish_after_login_is_refused_without_being_read_into_memory()
    {
        const int devices = 8;
        _dir.SeedTwoHamlets();
        var secrets = Enumerable.Range(0, devices)
            .Select(i => (Id: $"loa-{i}", Secret: _dir.Devices.Add(new NewDevice($"loa-{i}", Protocol.DeviceKind.Speaker, ["khoi-1"], $"Loa {i}"))))
            .ToList();
        await using var hub = await HubChildProcess.StartAsync(_dir.Path);
        await WarmUpAsync(hub, secrets[0].Secret, secrets[0].Id);
        var before = hub.RssMiB();

        // Eight devices at once, each announcing a 1 MB PUBLISH (the limit is 64 KiB) and sending it.
        var closed = new bool[devices];
        var peak = await hub.PeakRssDuringAsync(() => Task.WhenAll(secrets.Select(async (d, i) =>
        {
            using var socket = await RawMqtt.OpenAsync(hub.MqttPort);
            using var stream = new NetworkStream(socket);
            (await RawMqtt.LoginAsync(stream, d.Id, d.Id, d.Secret)).Should().Be(0);
            await stream.WriteAsync(RawMqtt.PublishHeader($"tanky/v1/tan-ky/dev/{d.Id}/telemetry", 1024 * 1024));
            await RawMqtt.SendUntilClosedAsync(stream, 1024 * 1024);
            closed[i] = await RawMqtt.ClosedByPeerAsync(stream);
        })));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS before {before:0.0} MiB, peak {peak:0.0} (+{peak - before:0.0}) for {devices} × 1 MB PUBLISH"));
        closed.Should().AllBeEquivalentTo(true, "the hub closes a device that announces a packet over the limit");

        // Reading them would take 8 MB of bodies alone: what grows must stay well under that.
        (peak - before).Should().BeLessThan(devices);
        var metrics = await hub.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        metrics.Split('\n').Should().Contain("tanky_protocol_rejected_total 8", "each refusal is counted in /metrics (as too large)");
        await StillServesAsync(hub, secrets[1].Secret, secrets[1].Id);
    }

    /// <summary>
    /// A device logs in and out, and an attacker's oversized CONNECT is refused once: the code paths
    /// the measurement goes through are compiled (JIT) before the baseline is read.
    /// </summary>
    private static async Task WarmUpAsync(HubChildProcess hub, string secret, string id = "loa-khoi-1-a")
    {
        await using (await TestMqttClient.ConnectAsync(hub.MqttPort, id, id, secret))
        {
        }

        using var socket = await RawMqtt.OpenAsync(hub.MqttPort, Attacker);
        using var stream = new NetworkStream(socket);
        await stream.WriteAsync(RawMqtt.Header(0x10, 1024 * 1024));
        (await RawMqtt.ClosedByPeerAsync(stream)).Should().BeTrue();
        (await hub.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task StillServesAsync(HubChildProcess hub, string secret, string id = "loa-khoi-1-a")
    {
        hub.HasExited.Should().BeFalse(hub.Tail);
        await using var device = await TestMqttClient.ConnectAsync(hub.MqttPort, id, id, secret);
        (await hub.Http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
