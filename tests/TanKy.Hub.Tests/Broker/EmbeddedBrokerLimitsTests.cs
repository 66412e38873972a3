using MQTTnet;
using MQTTnet.Formatter;

namespace TanKy.Hub.Tests.Broker;

public sealed class EmbeddedBrokerLimitsTests
{
    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_and_a_slot_frees_on_disconnect()
    {
        var devices = new FakeDeviceAuthenticator();
        for (var i = 0; i < 4; i++)
        {
            devices.Add($"d{i}", $"s{i}");
        }

        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.MaxConnections = 2, devices);
        var d0 = await TestMqttClient.ConnectAsync(broker.Port, "d0", "d0", "s0");
        await using var d1 = await TestMqttClient.ConnectAsync(broker.Port, "d1", "d1", "s1");

        // The limit counts connections that completed their handshake (ConnectionLimiter): MQTTnet
        // raises "client connected" after it sent the CONNACK, so a client can hold its CONNACK
        // before the broker has counted it. Under load d2 came in through that gap (stress-ci).
        await WaitUntilAsync(() => broker.Broker.ConnectedClients == 2);
        var (d2, result5) = await TestMqttClient.TryConnectAsync(broker.Port, "d2", "d2", "s2");
        await using (d2)
        {
            result5.Should().Be(MqttClientConnectResultCode.QuotaExceeded);
        }

        var (d3, result311) = await TestMqttClient.TryConnectAsync(broker.Port, "d3", "d3", "s3", MqttProtocolVersion.V311);
        await using (d3)
        {
            result311.Should().Be(MqttClientConnectResultCode.ServerUnavailable);
        }

        // The hub's own connection is never refused for the limit.
        await using var hub = await TestMqttClient.ConnectAsync(broker.Port, "tanky-hub-tan-ky", broker.HubSettings.UserName, broker.HubSettings.Password);

        // A connected device reconnecting takes its own slot over.
        await using var d1Again = await TestMqttClient.ConnectAsync(broker.Port, "d1", "d1", "s1");

        await d0.DisposeAsync();
        await WaitUntilAsync(() => broker.Broker.ConnectedClients < 2);
        await using var d2Later = await TestMqttClient.ConnectAsync(broker.Port, "d2", "d2", "s2");
        d2Later.Client.IsConnected.Should().BeTrue();
        broker.Metrics.AuthFailures.Should().Be(0, "a full broker is not an authentication failure");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TestMqttClient.Timeout);
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
