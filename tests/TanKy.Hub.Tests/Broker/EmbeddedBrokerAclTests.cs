using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using TanKy.Hub.Broker;
using static TanKy.Hub.Tests.Broker.DevicePayloads;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

public sealed class EmbeddedBrokerAclTests
{
    private static Task<TestMqttClient> Hub(EmbeddedBrokerHarness broker) =>
        TestMqttClient.ConnectAsync(broker.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), broker.HubSettings.UserName, broker.HubSettings.Password);

    [Fact]
    public async Task A_connected_speaker_moved_to_another_zone_may_follow_it_without_reconnecting()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        (await devA.SubscribeAsync(Root + "/zone/z9/play")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized, "z9 is not one of its zones");

        // `devices set dev-a zones=z9` while it is connected: the registry changes, then its desired zones reach it.
        broker.Devices.Add("dev-a", "secret-a", "z9");

        (await devA.SubscribeAsync(Root + "/zone/z9/play")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1, "the broker re-reads the zones before refusing");
        (await devA.SubscribeAsync(Root + "/zone/z8/play")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized, "a zone the registry does not give it stays refused");
    }

    [Fact]
    public async Task Publishing_to_another_devices_topic_is_refused_and_counted()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var hub = await Hub(broker);
        (await hub.SubscribeAsync(Topic("+", "dev-b"))).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        var result = await devA.PublishAsync(Topic("state", "dev-b"), Birth);

        result.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        broker.Metrics.AclRefusals.Should().Be(1);
        broker.Logs.All.Should().Contain("ACL refused publish by dev-a on " + Topic("state", "dev-b"));

        // Nothing reached the subscriber: the next thing it sees is dev-b's own, allowed, message.
        devA.Client.IsConnected.Should().BeTrue("a refusal does not close the connection");
        await using var devB = await TestMqttClient.ConnectAsync(broker.Port, "dev-b", "dev-b", "secret-b");
        (await devB.PublishAsync(Topic("telemetry", "dev-b"), Telemetry)).IsSuccess.Should().BeTrue();
        (await hub.NextAsync()).Topic.Should().Be(Topic("telemetry", "dev-b"));
    }

    [Fact]
    public async Task Refused_qos0_publish_is_dropped_silently_but_counted()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await devA.PublishAsync(Root + "/dev/dev-a/cmd", Command, qos: 0);

        // QoS 0 has no acknowledgement: wait until the broker has seen a later QoS 1 publish.
        await devA.PublishAsync(Topic("event"), Event);
        broker.Metrics.AclRefusals.Should().Be(1);
    }

    [Theory]
    [InlineData("cmd")]
    [InlineData("desired")]
    [InlineData("time/reply")]
    public async Task Subscribing_to_another_devices_inbox_is_refused_and_counted(string leaf)
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        (await devA.SubscribeAsync(Topic(leaf, "dev-b"))).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        (await devA.SubscribeAsync(Root + "/dev/+/" + leaf)).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);

        broker.Metrics.AclRefusals.Should().Be(2);
        broker.Logs.All.Should().Contain("ACL refused subscribe by dev-a on " + Topic(leaf, "dev-b"));
    }

    [Fact]
    public async Task Mqtt311_subscription_refusal_is_a_failure_code()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a", MqttProtocolVersion.V311);

        (await devA.SubscribeAsync(Root + "/#")).Should().Be(MqttClientSubscribeResultCode.UnspecifiedError);
        broker.Metrics.AclRefusals.Should().Be(1);
    }

    [Fact]
    public async Task Allowed_topics_flow_between_hub_and_devices()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var hub = await Hub(broker);
        (await hub.SubscribeAsync(Root + "/dev/+/+")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        foreach (var filter in new[] { Topic("cmd"), Topic("desired"), Topic("time/reply"), Root + "/zone/z1/play", Root + "/stream/+", Root + "/hub/state" })
        {
            (await devA.SubscribeAsync(filter)).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1, filter);
        }

        // Device → hub.
        (await devA.PublishAsync(Topic("state"), Birth, retain: true)).IsSuccess.Should().BeTrue();
        var birth = await hub.NextAsync();
        birth.Topic.Should().Be(Topic("state"));
        Encoding.UTF8.GetString(birth.Payload).Should().Be(Birth);

        // Hub → device: command, zone play order, audio.
        (await hub.PublishAsync(Topic("cmd"), Command)).IsSuccess.Should().BeTrue();
        (await devA.NextAsync()).Topic.Should().Be(Topic("cmd"));
        (await hub.PublishAsync(Root + "/zone/z1/play", """{"v":1,"op":"play","stream":"s1"}""")).IsSuccess.Should().BeTrue();
        (await devA.NextAsync()).Topic.Should().Be(Root + "/zone/z1/play");
        await hub.PublishAsync(Root + "/stream/s1", new byte[] { 1, 2, 3 }, qos: 0);
        (await devA.NextAsync()).Payload.ToArray().Should().Equal(1, 2, 3);

        broker.Metrics.AclRefusals.Should().Be(0);
        broker.Metrics.RejectedTotal.Should().Be(0);
    }

    [Fact]
    public async Task Tools_account_reads_everything_and_publishes_nothing()
    {
        var hash = TanKy.Hub.Shared.SecretHasher.Hash("tech", 1000);
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.Tools = new BrokerToolsOptions { Enabled = true, PasswordHash = hash });
        await using var tools = await TestMqttClient.ConnectAsync(broker.Port, "tools", "tools", "tech");
        (await tools.SubscribeAsync(Root + "/#")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        (await tools.SubscribeAsync("#")).Should().Be(MqttClientSubscribeResultCode.NotAuthorized);

        (await tools.PublishAsync(Topic("cmd"), Command)).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);

        await using var devA = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await devA.PublishAsync(Topic("telemetry"), Telemetry);
        (await tools.NextAsync()).Topic.Should().Be(Topic("telemetry"));
        broker.Metrics.AclRefusals.Should().Be(2);
    }
}
