using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace TanKy.Hub.Tests.Broker;

/// <summary>A stolen secret: rotating it (or removing the device) drops the live session using it.</summary>
public sealed class RevokedSessionTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_live_session_with_a_rotated_secret_is_dropped_and_cannot_come_back(MqttProtocolVersion version)
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.CredentialCheckInterval = TimeSpan.FromMilliseconds(200));
        await using var thief = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a", version);
        await using var other = await TestMqttClient.ConnectAsync(broker.Port, "dev-b", "dev-b", "secret-b", version);

        broker.Devices.Add("dev-a", "secret-a2", "z1", "z2");
        var dropped = await thief.Disconnected.WaitAsync(TestMqttClient.Timeout);

        if (version == MqttProtocolVersion.V500)
        {
            dropped.Reason.Should().Be(MqttClientDisconnectReason.AdministrativeAction);
        }

        other.Client.IsConnected.Should().BeTrue("only the rotated device's session goes");
        broker.Logs.All.Should().Contain("dev-a had its secret rotated").And.NotContain("secret-a");
        var (again, result) = await TestMqttClient.TryConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a", version);
        await using (again)
        {
            result.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        }

        await using var owner = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a2", version);
        (await broker.Broker.SweepRevokedSessionsAsync()).Should().Be(0, "a session with the current secret stays");
        owner.Client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task A_removed_device_is_dropped_at_the_next_check()
    {
        // A long period: the test runs the check itself, so it proves the check and not the timer.
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.CredentialCheckInterval = TimeSpan.FromHours(1));
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-b", "dev-b", "secret-b");

        (await broker.Broker.SweepRevokedSessionsAsync()).Should().Be(0);
        broker.Devices.Remove("dev-b");
        (await broker.Broker.SweepRevokedSessionsAsync()).Should().Be(1);

        await device.Disconnected.WaitAsync(TestMqttClient.Timeout);
        broker.Logs.All.Should().Contain("dev-b was removed");
    }

    [Fact]
    public async Task The_hub_and_tools_sessions_are_never_swept()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var hub = broker.HubSettings;
        await using var client = await TestMqttClient.ConnectAsync(broker.Port, HubClientId(), hub.UserName, hub.Password);

        (await broker.Broker.SweepRevokedSessionsAsync()).Should().Be(0);
        client.Client.IsConnected.Should().BeTrue();
    }

    private static string HubClientId() => TanKy.Hub.Broker.BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site);
}
