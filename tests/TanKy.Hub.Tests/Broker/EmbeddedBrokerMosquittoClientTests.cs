using System.Buffers;
using System.Text;
using TanKy.Hub.Broker;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

namespace TanKy.Hub.Tests.Broker;

/// <summary>The embedded broker seen by independent MQTT clients: Debian's mosquitto_pub and mosquitto_sub.</summary>
public sealed class EmbeddedBrokerMosquittoClientTests
{
    private static Task<TestMqttClient> Hub(EmbeddedBrokerHarness broker) =>
        TestMqttClient.ConnectAsync(broker.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), broker.HubSettings.UserName, broker.HubSettings.Password);

    [Fact]
    public async Task Mosquitto_pub_with_wrong_or_missing_password_is_refused()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();

        var wrong = await MosquittoClients.PubAsync(broker.Port, "dev-a", "wrong", Topic("event"), Event);
        wrong.ExitCode.Should().NotBe(0, wrong.ToString());
        wrong.Stderr.Should().Contain("Connection error", wrong.ToString());

        var anonymous = await MosquittoClients.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "dev-a", "-t", Topic("event"), "-m", Event, "-V", "mqttv5"]);
        anonymous.ExitCode.Should().NotBe(0, anonymous.ToString());

        broker.Metrics.AuthFailures.Should().Be(2);
    }

    [Fact]
    public async Task Mosquitto_pub_device_message_reaches_the_hub()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var hub = await Hub(broker);
        await hub.SubscribeAsync(Root + "/dev/+/+");

        var pub = await MosquittoClients.PubAsync(broker.Port, "dev-a", "secret-a", Topic("telemetry"), Telemetry);

        pub.ExitCode.Should().Be(0, pub.ToString());
        pub.Stderr.Should().BeEmpty();
        var received = await hub.NextAsync();
        received.Topic.Should().Be(Topic("telemetry"));
        Encoding.UTF8.GetString(received.Payload).Should().Be(Telemetry);
    }

    [Fact]
    public async Task Mosquitto_pub_to_another_devices_topic_is_not_authorized()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();

        var pub = await MosquittoClients.PubAsync(broker.Port, "dev-a", "secret-a", Topic("state", "dev-b"), Birth);

        pub.Stderr.Should().Contain("Not authorized", pub.ToString());
        broker.Metrics.AclRefusals.Should().Be(1);
    }

    [Fact]
    public async Task Mosquitto_pub_of_an_invalid_payload_is_refused_and_counted()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();

        var pub = await MosquittoClients.PubAsync(broker.Port, "dev-a", "secret-a", Topic("telemetry"), """{"v":2,"seq":1}""");

        pub.Stderr.Should().Contain("Payload format invalid", pub.ToString());
        broker.Metrics.Rejected(TanKy.Protocol.ProtocolError.WrongVersion).Should().Be(1);
    }

    [Fact]
    public async Task Mosquitto_sub_receives_its_own_retained_desired_state()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var hub = await Hub(broker);
        await hub.PublishAsync(Topic("desired"), Desired, retain: true);

        var sub = await MosquittoClients.SubOneAsync(broker.Port, "dev-a", "secret-a", Topic("desired"));

        sub.ExitCode.Should().Be(0, sub.ToString());
        sub.Stdout.Trim().Should().Be($"{Topic("desired")} {Desired}");
    }

    [Fact]
    public async Task Mosquitto_sub_to_another_devices_commands_is_denied()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var hub = await Hub(broker);
        await hub.PublishAsync(Topic("desired", "dev-b"), Desired, retain: true);

        var sub = await MosquittoClients.SubOneAsync(broker.Port, "dev-a", "secret-a", Topic("desired", "dev-b"), waitSeconds: 2);

        // mosquitto_sub reports the refused SUBACK on stderr and exits 0.
        sub.Stdout.Should().BeEmpty("the retained desired state of dev-b must not leak to dev-a");
        sub.Stderr.Should().Contain("denied", sub.ToString());
        broker.Metrics.AclRefusals.Should().Be(1);
    }

    [Fact]
    public async Task Mosquitto_sub_gets_play_orders_of_its_zone_only()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var hub = await Hub(broker);
        await hub.PublishAsync(Root + "/zone/z1/play", """{"v":1,"op":"play","stream":"s1"}""", retain: true);
        await hub.PublishAsync(Root + "/zone/z3/play", """{"v":1,"op":"play","stream":"s3"}""", retain: true);

        var own = await MosquittoClients.SubOneAsync(broker.Port, "dev-a", "secret-a", Root + "/zone/z1/play");
        own.ExitCode.Should().Be(0, own.ToString());
        own.Stdout.Should().Contain("\"s1\"");

        var other = await MosquittoClients.SubOneAsync(broker.Port, "dev-a", "secret-a", Root + "/zone/z3/play", waitSeconds: 2);
        other.Stdout.Should().BeEmpty(other.ToString());
        other.Stderr.Should().Contain("All subscription requests were denied");
    }
}
