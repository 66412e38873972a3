using System.Buffers;
using System.Text;
using System.Text.Json;
using TanKy.Hub.Broker;
using TanKy.Protocol;
using TanKy.Protocol.Messages;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

namespace TanKy.Hub.Tests.Broker;

public sealed class HubMqttConnectionTests
{
    private static string HubState => Root + "/hub/state";

    [Fact]
    public async Task Publishes_retained_online_state_with_its_boot_id_after_connecting()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var connection = await HubMqttConnectionHarness.StartAsync(broker);

        connection.IsConnected.Should().BeTrue();
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await device.SubscribeAsync(HubState);
        var state = await device.NextAsync();

        state.Retain.Should().BeTrue("a device connecting later must learn the hub's state");
        using var json = JsonDocument.Parse(state.Payload.ToArray());
        json.RootElement.GetProperty("v").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("status").GetString().Should().Be("online");
        json.RootElement.GetProperty("boot").GetString().Should().Be(connection.BootId);
    }

    [Fact]
    public async Task Stopping_publishes_offline_before_disconnecting()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var connection = await HubMqttConnectionHarness.StartAsync(broker);
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await device.SubscribeAsync(HubState);
        (await device.NextAsync()).Payload.ToArray().Should().NotBeEmpty();

        await connection.StopAsync(CancellationToken.None);
        await connection.DisposeAsync();

        var offline = await device.NextOnAsync(HubState);
        Encoding.UTF8.GetString(offline.Payload).Should().Contain("\"status\":\"offline\"");
        connection.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task Losing_the_connection_without_a_clean_stop_lets_the_broker_publish_the_will()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var connection = await HubMqttConnectionHarness.StartAsync(broker);
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await device.SubscribeAsync(HubState);
        await device.NextAsync();

        await connection.DisposeAsync(); // no StopAsync: the TCP connection just goes away

        var will = await device.NextOnAsync(HubState);
        Encoding.UTF8.GetString(will.Payload).Should().Be($"{{\"v\":1,\"status\":\"offline\",\"boot\":\"{connection.BootId}\"}}");
    }

    [Fact]
    public async Task Device_messages_reach_the_handlers_that_handle_their_kind()
    {
        // Time requests reach the hub client only when the embedded broker does not answer them itself.
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.AnswerTimeRequests = false);
        var all = new RecordingHandler(_ => true);
        var eventsOnly = new RecordingHandler(k => k == TopicKind.Event);
        await using var connection = await HubMqttConnectionHarness.StartAsync(broker, all, eventsOnly);
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        await device.PublishAsync(Topic("telemetry"), Telemetry);
        await device.PublishAsync(Topic("event"), Event);
        await device.PublishAsync(Topic("time"), TimeRequest, qos: 0);

        var telemetry = await all.NextAsync();
        telemetry.DeviceId.Should().Be("dev-a");
        telemetry.Topic.Kind.Should().Be(TopicKind.Telemetry);
        telemetry.Message.Should().BeOfType<TelemetryMessage>().Which.Seq.Should().Be(1);
        Encoding.UTF8.GetString(telemetry.Payload.Span).Should().Be(Telemetry);
        (await all.NextAsync()).Topic.Kind.Should().Be(TopicKind.Event);
        (await all.NextAsync()).Message.Should().BeOfType<TimeRequestMessage>().Which.T1.Should().Be(12345);

        (await eventsOnly.NextAsync()).Topic.Kind.Should().Be(TopicKind.Event);
    }

    [Fact]
    public async Task A_failing_handler_is_logged_and_keeps_receiving_in_order_one_at_a_time()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var flaky = new RecordingHandler(_ => true, m => m.Message is TelemetryMessage { Seq: 1 });
        await using var connection = await HubMqttConnectionHarness.StartAsync(broker, flaky);
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        for (var seq = 1; seq <= 20; seq++)
        {
            await device.PublishAsync(Topic("telemetry"), $$"""{"v":1,"seq":{{seq}}}""");
        }

        for (var seq = 1; seq <= 20; seq++)
        {
            (await flaky.NextAsync()).Message.Should().BeOfType<TelemetryMessage>().Which.Seq.Should().Be(seq);
        }

        flaky.MaxConcurrency.Should().Be(1);
        broker.Logs.All.Should().Contain("RecordingHandler failed on Telemetry from dev-a");
    }

    [Fact]
    public async Task The_hubs_own_retained_messages_are_not_dispatched_and_invalid_device_messages_are_counted_once()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var all = new RecordingHandler(_ => true);
        await using var connection = await HubMqttConnectionHarness.StartAsync(broker, all);
        IHubMqtt mqtt = connection;
        await mqtt.PublishAsync(Topic("desired"), Encoding.UTF8.GetBytes(Desired), retain: true);
        await mqtt.PublishAsync(Topic("cmd"), Encoding.UTF8.GetBytes(Command), retain: false);
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        await device.PublishAsync(Topic("event"), "{broken");
        await device.PublishAsync(Topic("event"), Event);

        (await all.NextAsync()).Message.Should().BeOfType<EventMessage>();
        broker.Metrics.Rejected(ProtocolError.BadJson).Should().Be(1, "the broker counted it and the hub never saw it");
    }

    [Fact]
    public async Task Reconnects_after_losing_the_connection()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var all = new RecordingHandler(_ => true);
        await using var connection = await HubMqttConnectionHarness.StartAsync(broker, all);
        var hub = broker.HubSettings;

        // Another connection with the hub's identity takes the session over; the hub must come back.
        var intruder = await TestMqttClient.ConnectAsync(broker.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), hub.UserName, hub.Password);
        await intruder.Disconnected.WaitAsync(TestMqttClient.Timeout);
        await intruder.DisposeAsync();
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TestMqttClient.Timeout);

        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await device.PublishAsync(Topic("event"), Event);
        (await all.NextAsync()).Topic.Kind.Should().Be(TopicKind.Event);
        broker.Logs.All.Should().Contain("Hub MQTT connection lost");
    }

    [Fact]
    public async Task Publishing_while_disconnected_fails_clearly()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var connection = HubMqttConnectionHarness.Create(broker.Broker, broker);

        var publish = () => ((IHubMqtt)connection).PublishAsync(Topic("cmd"), Encoding.UTF8.GetBytes(Command), retain: false);

        await publish.Should().ThrowAsync<InvalidOperationException>().WithMessage("*not connected*");
    }
}
