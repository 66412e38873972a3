using System.Globalization;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Protocol;
using TanKy.Hub.Shared;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Foundation;

/// <summary>
/// The same flow with <c>Broker:Mode=External</c>: Debian's mosquitto runs the configuration
/// exported by <c>broker export-mosquitto-config</c>, and the hub connects to it as a client.
/// </summary>
public sealed class ExternalBroker_Tests : IAsyncLifetime
{
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "tanky-mosq-" + Guid.NewGuid().ToString("N")[..8]);
    private CommuneHarness _c = null!;
    private MosquittoProcess _mosquitto = null!;
    private int _port;
    private string ConfigFile => Path.Combine(_outDir, "mosquitto.conf");

    public async Task InitializeAsync()
    {
        _c = CommuneHarness.Prepare();
        (_mosquitto, _port) = await PortRetry.StartAsync(port =>
        {
            var broker = new BrokerOptions { Mode = BrokerMode.External, Port = port, External = new ExternalBrokerOptions { Host = "127.0.0.1", Port = port } };
            MosquittoConfigExporter.Export(_c.Dir.Db, new HubOptions { Site = "tan-ky", DataDir = _c.Dir.Path }, broker, _outDir);
            return MosquittoProcess.StartAsync(ConfigFile);
        });
        await _c.StartHubAsync(
            new Dictionary<string, string>
            {
                ["Broker:Mode"] = "External",
                ["Broker:External:Host"] = "127.0.0.1",
                ["Broker:External:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            },
            _port);
    }

    public async Task DisposeAsync()
    {
        await _c.DisposeAsync();
        await _mosquitto.DisposeAsync();
        Directory.Delete(_outDir, recursive: true);
    }

    [Fact]
    public async Task Births_wills_and_shutdowns_are_recorded_through_mosquitto()
    {
        var a = await _c.StartNodeAsync("loa-khoi-1-a");
        var b = await _c.StartNodeAsync("wifi-khoi-1");
        var will = _c.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Offline);
        var shutdown = _c.WaitForStatusAsync("wifi-khoi-1", DeviceStatus.Offline);

        a.Kill();
        await b.StopAsync();

        (await will).Reason.Should().Be("will");
        (await shutdown).Reason.Should().Be("shutdown");
    }

    [Fact]
    public async Task Desired_state_set_while_offline_reaches_the_device_through_mosquitto()
    {
        var node = await _c.StartNodeAsync("loa-xom-3-a");
        await node.StopAsync();
        await _c.WaitForStatusAsync("loa-xom-3-a", DeviceStatus.Offline);

        var desired = await _c.Hub.Get<DesiredStateService>().SetAsync("loa-xom-3-a", new JsonObject { ["volume"] = 40 }, "test");
        await node.StartAsync();

        await node.WaitForDesiredAppliedAsync(desired.Version, CommuneHarness.Wait);
        node.AppliedState["volume"]!.GetValue<int>().Should().Be(40);
    }

    [Fact]
    public async Task A_device_cannot_forge_another_devices_state_through_mosquitto()
    {
        var topics = new Topics("tan-ky");
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port).WithClientId("loa-khoi-1-a").WithCredentials("loa-khoi-1-a", _c.Secrets["loa-khoi-1-a"])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        var online = _c.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Online);

        var forged = ProtocolJson.Serialize(new Protocol.Messages.DeviceStateMessage { V = 1, Status = "online", Kind = "speaker" });
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topics.DeviceState("loa-xom-3-a")).WithPayload(forged).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        // Then its own telemetry, allowed: messages of one client arrive in order, so once this
        // one is processed the forged birth would have been processed before it.
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topics.Telemetry("loa-khoi-1-a")).WithPayload("{\"v\":1,\"seq\":0}"u8.ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await online;

        _c.Dir.Devices.Get("loa-xom-3-a")!.Status.Should().Be("unknown");
        _c.StatusEvents("loa-xom-3-a").Should().BeEmpty();
    }

    [Fact]
    public async Task After_mosquitto_crashes_and_returns_the_hub_reconnects_republishes_desired_state_and_devices_converge()
    {
        var desired = _c.Hub.Get<DesiredStateService>();
        var link = _c.Hub.Get<HubMqttConnection>();
        var online = await _c.StartNodeAsync("loa-khoi-1-a");
        var away = await _c.StartNodeAsync("loa-xom-3-a");
        await away.StopAsync();
        await _c.WaitForStatusAsync("loa-xom-3-a", DeviceStatus.Offline);
        var before = await desired.SetAsync("loa-xom-3-a", new JsonObject { ["volume"] = 40 }, "test");

        // SIGKILL: mosquitto's retained messages since its last autosave (30 min) are gone.
        var generation = link.Generation;
        await _mosquitto.DisposeAsync();
        await online.WaitUntilDisconnectedAsync(CommuneHarness.Wait);
        var during = await desired.SetAsync("loa-xom-3-a", new JsonObject { ["volume"] = 55 }, "test");
        during.Version.Should().Be(before.Version + 1, "a change made while the broker is down is stored and acknowledged");
        var duringOnline = await desired.SetAsync("loa-khoi-1-a", new JsonObject { ["volume"] = 65 }, "test");

        // The same port, the only one the hub and the device know: ours, just released by the killed
        // mosquitto, and below the OS's ephemeral range (PortRetry), so no port-0 bind or outgoing
        // connection of a parallel test can have taken it meanwhile.
        _mosquitto = await MosquittoProcess.StartAsync(ConfigFile);
        using (var reconnect = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await link.WaitNextConnectionAsync(generation, reconnect.Token); // by itself, with its backoff
        }

        await online.WaitUntilConnectedAsync(CommuneHarness.Wait); // the device too
        await online.WaitForDesiredAppliedAsync(duringOnline.Version, CommuneHarness.Wait);
        await away.StartAsync();
        await away.WaitForDesiredAppliedAsync(during.Version, CommuneHarness.Wait);
        away.AppliedState["volume"]!.GetValue<int>().Should().Be(55);
        online.AppliedState["volume"]!.GetValue<int>().Should().Be(65);
        await _c.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Online);
    }
}
