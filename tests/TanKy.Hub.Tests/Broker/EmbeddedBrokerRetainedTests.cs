using System.Buffers;
using System.Text;
using TanKy.Hub.Broker;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broker;

public sealed class EmbeddedBrokerRetainedTests
{
    [Fact]
    public async Task Retained_messages_survive_a_broker_restart_on_the_same_data_dir()
    {
        using var dataDir = new TempDataDir();
        await using (var first = await EmbeddedBrokerHarness.StartAsync(dataDir: dataDir))
        {
            await using var hub = await TestMqttClient.ConnectAsync(first.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), first.HubSettings.UserName, first.HubSettings.Password);
            await hub.PublishAsync(Topic("desired"), Desired, retain: true);
            await hub.PublishAsync(Topic("desired", "dev-b"), Desired, retain: true);
            await hub.PublishAsync(Topic("desired", "dev-b"), "", retain: true); // an empty retained payload clears the topic

            await using var device = await TestMqttClient.ConnectAsync(first.Port, "dev-a", "dev-a", "secret-a");
            await device.PublishAsync(Topic("state"), Birth, retain: true);
        }

        await using var second = await EmbeddedBrokerHarness.StartAsync(dataDir: dataDir);
        await using var devA = await TestMqttClient.ConnectAsync(second.Port, "dev-a", "dev-a", "secret-a");
        await devA.SubscribeAsync(Topic("desired"));
        var desired = await devA.NextAsync();
        desired.Retain.Should().BeTrue();
        Encoding.UTF8.GetString(desired.Payload).Should().Be(Desired);

        await using var watcher = await TestMqttClient.ConnectAsync(second.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), second.HubSettings.UserName, second.HubSettings.Password);
        await watcher.SubscribeAsync(Root + "/dev/+/+");
        var retained = new List<string>();
        retained.Add((await watcher.NextAsync()).Topic);
        retained.Add((await watcher.NextAsync()).Topic);
        retained.Should().BeEquivalentTo([Topic("desired"), Topic("state")], "dev-b's cleared desired state must stay cleared");
        second.Logs.All.Should().Contain("Loaded 2 retained MQTT messages");
    }
}
