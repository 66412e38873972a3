using MQTTnet;
using MQTTnet.Formatter;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

namespace TanKy.Hub.Tests.Broker;

public sealed class EmbeddedBrokerValidationTests
{
    public static TheoryData<string, string, ProtocolError> Malformed => new()
    {
        { "state", "{not json", ProtocolError.BadJson },
        { "telemetry", """{"v":2,"seq":1}""", ProtocolError.WrongVersion },
        { "telemetry", """{"seq":1}""", ProtocolError.WrongVersion },
        { "state", """{"v":1,"status":"sleeping"}""", ProtocolError.Schema },
        { "event", "", ProtocolError.BadJson },
        { "telemetry", """{"v":1,"seq":1,"metrics":{"x":1},"pad":""" + "\"" + new string('x', 5000) + "\"}", ProtocolError.TooLarge },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_device_payloads_are_dropped_before_fan_out_and_counted(string leaf, string payload, ProtocolError expected)
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var watcher = await TestMqttClient.ConnectAsync(broker.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), broker.HubSettings.UserName, broker.HubSettings.Password);
        await watcher.SubscribeAsync(Root + "/dev/+/+");
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        var result = await devA.PublishAsync(Topic(leaf), payload);
        await devA.PublishAsync(Topic("event"), Event);

        result.ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        broker.Metrics.Rejected(expected).Should().Be(1);
        broker.Metrics.RejectedTotal.Should().Be(1);
        (await watcher.ReceiveUntilAsync(Topic("event"))).Should().BeEmpty("the invalid message must not reach subscribers");
        devA.Client.IsConnected.Should().BeTrue();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("state/extra")]
    public async Task Unknown_device_topics_are_refused_by_the_acl(string leaf)
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        (await devA.PublishAsync(Topic(leaf), Event)).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        broker.Metrics.AclRefusals.Should().Be(1);
    }

    [Fact]
    public async Task Packet_larger_than_the_limit_closes_the_connection_and_the_broker_keeps_serving()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.MaxPacketSize = 2048);

        // MQTT 3.1.1 clients are not told the limit, so this one sends the big packet anyway.
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a", MqttProtocolVersion.V311);
        try
        {
            await devA.PublishAsync(Topic("telemetry"), new byte[3000], qos: 0);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker resets the connection at the packet's header, possibly while the body is still being written.
        }

        await devA.Disconnected.WaitAsync(TestMqttClient.Timeout);
        broker.Metrics.Rejected(ProtocolError.TooLarge).Should().Be(1);

        await using var devB = await TestMqttClient.ConnectAsync(broker.Port, "dev-b", "dev-b", "secret-b");
        (await devB.PublishAsync(Topic("telemetry", "dev-b"), Telemetry)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Connack_tells_mqtt5_clients_the_packet_limit()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.MaxPacketSize = 4096);
        var client = new MqttClientFactory().CreateMqttClient();
        using (client)
        {
            var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", broker.Port).WithClientId("dev-a").WithCredentials("dev-a", "secret-a")
                .WithProtocolVersion(MqttProtocolVersion.V500).Build());

            result.MaximumPacketSize.Should().Be(4096u);
        }
    }
}
