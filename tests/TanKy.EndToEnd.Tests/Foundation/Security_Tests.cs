using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Node;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Broker;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Foundation;

public sealed class Security_Tests : IAsyncLifetime
{
    private CommuneHarness _c = null!;

    public async Task InitializeAsync() => _c = await CommuneHarness.StartAsync();

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Fact]
    public async Task A_node_with_a_wrong_secret_never_comes_online()
    {
        var metrics = _c.Hub.Get<HubMetrics>();
        var before = metrics.AuthFailures;
        await using var node = new SimulatedNode(_c.NodeOptions("loa-khoi-1-a", secret: _c.Secrets["loa-xom-3-a"]));
        var refused = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.ConnectFailed, CommuneHarness.Wait);

        await node.StartAsync();
        await refused;

        node.IsConnected.Should().BeFalse();
        metrics.AuthFailures.Should().BeGreaterThan(before);
        _c.Dir.Devices.Get("loa-khoi-1-a")!.Status.Should().Be("unknown");
    }

    [Fact]
    public async Task A_rotated_secret_stops_working_at_the_next_connect()
    {
        var node = await _c.StartNodeAsync("loa-khoi-1-a");
        await node.StopAsync();

        _c.Dir.Devices.RotateSecret("loa-khoi-1-a");
        var refused = node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.ConnectFailed, CommuneHarness.Wait);
        await node.StartAsync();
        await refused;

        node.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task Malformed_payloads_are_dropped_and_counted_and_the_hub_keeps_working()
    {
        var metrics = _c.Hub.Get<HubMetrics>();
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _c.Hub.MqttPort)
            .WithClientId("wifi-khoi-1")
            .WithCredentials("wifi-khoi-1", _c.Secrets["wifi-khoi-1"])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        var topics = new Topics("tan-ky");

        async Task<MqttClientPublishReasonCode> Publish(string topic, byte[] payload) =>
            (await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).ReasonCode;

        (await Publish(topics.Telemetry("wifi-khoi-1"), "{not json"u8.ToArray())).Should().NotBe(MqttClientPublishReasonCode.Success);
        (await Publish(topics.Telemetry("wifi-khoi-1"), "{\"v\":2,\"seq\":1}"u8.ToArray())).Should().NotBe(MqttClientPublishReasonCode.Success);
        (await Publish(topics.Telemetry("wifi-khoi-1"), Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":1,\"x\":\"" + new string('a', 5000) + "\"}"))).Should().NotBe(MqttClientPublishReasonCode.Success);
        (await Publish("tanky/v1/tan-ky/dev/wifi-khoi-1/nonsense", "{}"u8.ToArray())).Should().NotBe(MqttClientPublishReasonCode.Success);

        metrics.Rejected(ProtocolError.BadJson).Should().BeGreaterThanOrEqualTo(1);
        metrics.Rejected(ProtocolError.WrongVersion).Should().BeGreaterThanOrEqualTo(1);
        metrics.Rejected(ProtocolError.TooLarge).Should().BeGreaterThanOrEqualTo(1);
        metrics.AclRefusals.Should().BeGreaterThanOrEqualTo(1, "an unknown topic is refused by the ACL");

        // A good message afterwards is still processed: the hub kept running and the device is online.
        var online = _c.WaitForStatusAsync("wifi-khoi-1", DeviceStatus.Online);
        (await Publish(topics.Telemetry("wifi-khoi-1"), "{\"v\":1,\"seq\":1,\"interval\":30}"u8.ToArray())).Should().Be(MqttClientPublishReasonCode.Success);
        await online;
        var health = await _c.Hub.Http.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("status").GetString().Should().Be("ok");
    }
}
