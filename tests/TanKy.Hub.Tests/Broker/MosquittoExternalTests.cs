using System.Buffers;
using System.Text;
using MQTTnet;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using static TanKy.Hub.Tests.Broker.DevicePayloads;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

/// <summary>External mode: the exporter's configuration running in a real Mosquitto 2.0.</summary>
public sealed class MosquittoExternalTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private int Port => mosquitto.Port;

    private string HubPassword => ExternalBrokerCredentials.Read(mosquitto.Export.CredentialsFile).Password;

    [Fact]
    public async Task Exported_device_credentials_work_and_bad_ones_are_refused()
    {
        await using var device = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", "secret-a");
        device.Client.IsConnected.Should().BeTrue();

        var (wrong, result) = await TestMqttClient.TryConnectAsync(Port, "dev-b", "dev-b", "secret-a");
        await using (wrong)
        {
            result.Should().BeOneOf(MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized);
        }

        var (reserved, reservedResult) = await TestMqttClient.TryConnectAsync(Port, "tools-1", "tools-1", "whatever");
        await using (reserved)
        {
            reservedResult.Should().NotBe(MqttClientConnectResultCode.Success, "reserved names are not exported");
        }

        var anonymous = await MosquittoClients.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", Topic("event"), "-m", Event, "-V", "mqttv5"]);
        anonymous.ExitCode.Should().NotBe(0, anonymous.ToString());
    }

    [Fact]
    public async Task Publishing_to_another_devices_topic_is_not_authorized()
    {
        await using var devA = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", "secret-a");
        (await devA.PublishAsync(Topic("state", "dev-b"), Birth)).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await devA.PublishAsync(Topic("cmd"), Command)).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await devA.PublishAsync(Topic("telemetry"), Telemetry)).ReasonCode.Should().BeOneOf(MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers);

        var pub = await MosquittoClients.PubAsync(Port, "dev-a", "secret-a", Topic("desired", "dev-b"), Desired);
        pub.Stderr.Should().Contain("Not authorized", pub.ToString());
    }

    [Fact]
    public async Task Another_devices_inbox_and_other_zones_are_never_delivered()
    {
        await using var hub = await TestMqttClient.ConnectAsync(Port, "ignored-by-mosquitto", BrokerIdentities.HubUserName, HubPassword);
        await using var devA = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", "secret-a");

        // Mosquitto 2.0 grants such subscriptions and filters at delivery: check what arrives.
        await devA.SubscribeAsync(Topic("cmd", "dev-b"));
        await devA.SubscribeAsync(Root + "/dev/+/desired");
        await devA.SubscribeAsync(Root + "/zone/+/play");
        await devA.SubscribeAsync(Topic("cmd"));

        await hub.PublishAsync(Topic("cmd", "dev-b"), Command);
        await hub.PublishAsync(Topic("desired", "dev-b"), Desired);
        await hub.PublishAsync(Root + "/zone/z3/play", """{"v":1,"op":"play","stream":"s3"}""");
        await hub.PublishAsync(Root + "/zone/z1/play", """{"v":1,"op":"play","stream":"s1"}""");
        await hub.PublishAsync(Topic("cmd"), Command);

        var seen = await devA.ReceiveUntilAsync(Topic("cmd"));
        seen.Select(m => m.Topic).Should().Equal([Root + "/zone/z1/play"], "only dev-a's zone play order may arrive before its own command");
    }

    [Fact]
    public async Task Mosquitto_sub_reads_own_retained_desired_state_but_not_another_devices()
    {
        await using var hub = await TestMqttClient.ConnectAsync(Port, "h", BrokerIdentities.HubUserName, HubPassword);
        await hub.PublishAsync(Topic("desired", "dev-a"), Desired, retain: true);
        await hub.PublishAsync(Topic("desired", "dev-b"), Desired, retain: true);

        var own = await MosquittoClients.SubOneAsync(Port, "dev-a", "secret-a", Topic("desired"));
        own.ExitCode.Should().Be(0, own.ToString());
        own.Stdout.Trim().Should().Be($"{Topic("desired")} {Desired}");

        // Mosquitto 2.0 grants the subscription and filters at delivery. One SUBSCRIBE with dev-b's
        // topic first: the broker queues retained messages in filter order, so dev-b's state would be
        // the first (-C 1) message, before dev-a's own — no waiting for something not to arrive.
        var other = await MosquittoClients.SubOneAsync(Port, "dev-a", "secret-a", Topic("desired", "dev-b"), 5, "-t", Topic("desired"));
        other.ExitCode.Should().Be(0, other.ToString());
        other.Stdout.Trim().Should().Be($"{Topic("desired")} {Desired}", "dev-b's retained state must not reach dev-a");
    }

    [Fact]
    public async Task A_device_cannot_take_over_another_devices_client_id()
    {
        await using var devB = await TestMqttClient.ConnectAsync(Port, "dev-b", "dev-b", "secret-b");
        await using var devA = await TestMqttClient.ConnectAsync(Port, "dev-b", "dev-a", "secret-a"); // forced to client id dev-a

        // A take-over closes the old connection before the newcomer's CONNACK, so it would have
        // happened by now: a QoS 1 publish acknowledged after it proves devB's connection survived.
        (await devB.PublishAsync(Topic("event", "dev-b"), Event)).ReasonCode.Should().NotBe(MqttClientPublishReasonCode.NotAuthorized);
        devB.Client.IsConnected.Should().BeTrue();
        devB.Disconnected.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Tools_account_reads_the_site_and_cannot_publish()
    {
        await using var tools = await TestMqttClient.ConnectAsync(Port, "tools", "tools", MosquittoFixture.ToolsPassword);
        await tools.SubscribeAsync(Root + "/#");
        (await tools.PublishAsync(Topic("cmd"), Command)).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);

        await using var devA = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", "secret-a");
        await devA.PublishAsync(Topic("telemetry"), Telemetry);
        (await tools.NextOnAsync(Topic("telemetry"))).Payload.ToArray().Should().Equal(Encoding.UTF8.GetBytes(Telemetry));
    }

    [Fact]
    public async Task Hub_connection_uses_the_exported_credentials_and_dispatches_device_messages()
    {
        await using var context = await EmbeddedBrokerHarness.StartAsync(); // only for metrics, logs and hub options
        context.HubOptions.DataDir = mosquitto.DataDir.Path;
        var endpoint = new ExternalBrokerEndpoint(Microsoft.Extensions.Options.Options.Create(mosquitto.BrokerOptions), Microsoft.Extensions.Options.Options.Create(context.HubOptions));
        var handler = new RecordingHandler(_ => true);
        var connection = HubMqttConnectionHarness.Create(endpoint, context, handler);
        await connection.StartAsync(CancellationToken.None);
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TestMqttClient.Timeout);

        await using var devA = await TestMqttClient.ConnectAsync(Port, "dev-a", "dev-a", "secret-a");
        await devA.SubscribeAsync(Root + "/hub/state");
        await devA.SubscribeAsync(Topic("cmd"));
        Encoding.UTF8.GetString((await devA.NextOnAsync(Root + "/hub/state")).Payload).Should().Contain("online").And.Contain(connection.BootId);

        // Mosquitto does not validate payloads: the hub connection drops and counts them.
        await devA.PublishAsync(Topic("event"), """{"v":2,"type":"x"}""");
        await devA.PublishAsync(Topic("event"), Event);
        (await handler.NextAsync()).Message.Should().BeOfType<EventMessage>();
        context.Metrics.Rejected(ProtocolError.WrongVersion).Should().Be(1);

        await ((IHubMqtt)connection).PublishAsync(Topic("cmd"), Encoding.UTF8.GetBytes(Command), retain: false);
        (await devA.NextOnAsync(Topic("cmd"))).Payload.ToArray().Should().Equal(Encoding.UTF8.GetBytes(Command));

        await connection.StopAsync(CancellationToken.None);
        await connection.DisposeAsync();
        Encoding.UTF8.GetString((await devA.NextOnAsync(Root + "/hub/state")).Payload).Should().Contain("offline");
    }
}
