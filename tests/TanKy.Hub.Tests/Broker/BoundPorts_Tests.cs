using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Broker;
using TanKy.Hub.Hosting;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broker;

/// <summary>
/// Port 0 all the way: a listener binds a port the OS picks and reports it, so tests running in
/// parallel never race for a port picked in advance and released.
/// </summary>
public sealed class BoundPorts_Tests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Fifty_embedded_brokers_started_in_parallel_on_port_0_each_bind_and_report_a_port_of_their_own()
    {
        var brokers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => EmbeddedBrokerHarness.StartAsync(dataDir: _dir))));
        try
        {
            var ports = new List<int>();
            foreach (var broker in brokers)
            {
                var listening = await ((IBrokerAddress)broker.Broker).WaitListeningAsync(CancellationToken.None);
                listening.Plain.Port.Should().Be(broker.Port);
                ports.Add(listening.Plain.Port);
            }

            ports.Should().OnlyContain(p => p > 0).And.OnlyHaveUniqueItems();

            // Every reported port is that broker's: a device gets in on each (the hub's own account
            // has a password made fresh for each broker, so it would be refused by any other one).
            await Task.WhenAll(brokers.Select(async b =>
            {
                var hub = b.HubSettings;
                await using var client = await TestMqttClient.ConnectAsync(hub.Port, BrokerIdentities.HubClientId(EmbeddedBrokerHarness.Site), hub.UserName, hub.Password);
                client.Client.IsConnected.Should().BeTrue();
            }));
        }
        finally
        {
            foreach (var broker in brokers)
            {
                await broker.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_hub_started_with_broker_port_0_reports_a_real_port_a_device_connects_to_and_writes_it_to_listen_json()
    {
        var secret = _dir.SeedTwoHamlets().SpeakerA;
        await using var hub = await TestHub.StartAsync(_dir.Path, settings: new Dictionary<string, string> { ["Broker:Port"] = "0" });

        var listening = await hub.Get<IBrokerAddress>().WaitListeningAsync(CancellationToken.None);
        listening.Plain.Port.Should().BePositive().And.Be(hub.MqttPort);
        await using (var device = await TestMqttClient.ConnectAsync(hub.MqttPort, "loa-khoi-1-a", "loa-khoi-1-a", secret))
        {
            device.Client.IsConnected.Should().BeTrue();
        }

        var file = ListenFile.TryRead(_dir.Path);
        file.Should().NotBeNull();
        file!.Pid.Should().Be(Environment.ProcessId);
        file.Mqtt.Should().Be(new ListenEndpoint("127.0.0.1", hub.MqttPort));
        file.MqttTls.Should().BeNull();
        file.Http.Should().ContainSingle().Which.Should().Be(hub.Http.BaseAddress!.ToString().TrimEnd('/'));
        using var http = new HttpClient { BaseAddress = new Uri(file.Http![0]) };
        (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString().Should().Be("ok");
    }
}
