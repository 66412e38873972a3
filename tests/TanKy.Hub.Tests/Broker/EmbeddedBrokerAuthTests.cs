using MQTTnet;
using MQTTnet.Formatter;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

public sealed class EmbeddedBrokerAuthTests
{
    [Fact]
    public async Task Registered_device_with_its_secret_connects()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        device.Client.IsConnected.Should().BeTrue();
        broker.Metrics.AuthFailures.Should().Be(0);
    }

    [Theory]
    [InlineData("dev-a", "dev-a", null, "missing password")]
    [InlineData("dev-a", null, null, "anonymous")]
    [InlineData("dev-a", "dev-a", "wrong-secret", "wrong password")]
    [InlineData("dev-x", "dev-x", "secret-a", "unknown device")]
    [InlineData("dev-b", "dev-a", "secret-a", "user name differs from client id")]
    [InlineData("tanky-hub-tan-ky", "tanky-hub", "guess", "hub user with a guessed password")]
    [InlineData("tools", "tools", "anything", "tools account disabled")]
    public async Task Bad_credentials_are_refused_counted_and_not_logged(string clientId, string? user, string? password, string because)
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var (client, result) = await TestMqttClient.TryConnectAsync(broker.Port, clientId, user, password);
        await using (client)
        {
            result.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword, because);
            client.Client.IsConnected.Should().BeFalse();
        }

        broker.Metrics.AuthFailures.Should().Be(1);
        broker.Logs.All.Should().Contain("Refused MQTT connection").And.Contain(clientId);
        if (password is not null)
        {
            broker.Logs.All.Should().NotContain(password);
        }
    }

    [Fact]
    public async Task Mqtt311_client_with_bad_password_is_refused()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var (client, result) = await TestMqttClient.TryConnectAsync(broker.Port, "dev-a", "dev-a", "nope", MqttProtocolVersion.V311);
        await using (client)
        {
            result.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        }
    }

    [Fact]
    public async Task Hub_internal_credentials_work_and_are_never_logged()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var hub = broker.HubSettings;
        await using var client = await TestMqttClient.ConnectAsync(broker.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), hub.UserName, hub.Password);

        client.Client.IsConnected.Should().BeTrue();
        hub.ToString().Should().NotContain(hub.Password);
        broker.Logs.All.Should().NotContain(hub.Password);
    }

    [Fact]
    public async Task Hub_password_with_another_client_id_is_refused()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        var hub = broker.HubSettings;
        var (client, result) = await TestMqttClient.TryConnectAsync(broker.Port, "dev-a", hub.UserName, hub.Password);
        await using (client)
        {
            result.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        }
    }

    [Fact]
    public async Task Each_broker_process_makes_its_own_internal_password()
    {
        await using var one = await EmbeddedBrokerHarness.StartAsync();
        await using var two = await EmbeddedBrokerHarness.StartAsync();

        one.HubSettings.Password.Should().NotBe(two.HubSettings.Password).And.HaveLength(43);
    }

    [Fact]
    public async Task Tools_account_connects_when_enabled_with_its_hash()
    {
        var hash = SecretHasher.Hash("tech-pass", 1000);
        await using var broker = await EmbeddedBrokerHarness.StartAsync(o => o.Tools = new BrokerToolsOptions { Enabled = true, PasswordHash = hash });

        await using var ok = await TestMqttClient.ConnectAsync(broker.Port, "tools-laptop", "tools", "tech-pass");
        ok.Client.IsConnected.Should().BeTrue();

        var (wrong, result) = await TestMqttClient.TryConnectAsync(broker.Port, "tools", "tools", "not-it");
        await using (wrong)
        {
            result.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        }

        // A tools client may not use a device's client id (it would take over the device's session).
        var (hijack, hijackResult) = await TestMqttClient.TryConnectAsync(broker.Port, "dev-a", "tools", "tech-pass");
        await using (hijack)
        {
            hijackResult.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        }

        broker.Metrics.AuthFailures.Should().Be(2);
    }

    [Fact]
    public async Task Second_connection_of_a_device_takes_over_the_first()
    {
        await using var broker = await EmbeddedBrokerHarness.StartAsync();
        await using var first = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");
        await using var second = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a");

        await first.Disconnected.WaitAsync(TestMqttClient.Timeout);
        second.Client.IsConnected.Should().BeTrue();
    }
}
