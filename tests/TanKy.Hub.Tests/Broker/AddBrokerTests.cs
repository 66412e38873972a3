using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using static TanKy.Hub.Tests.Broker.DevicePayloads;

using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

public sealed class AddBrokerTests
{
    private static IHost Build(TempDataDir data, Dictionary<string, string?> settings, params IDeviceMessageHandler[] handlers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(data.Db);
        builder.Services.Configure<HubOptions>(o =>
        {
            o.Site = EmbeddedBrokerHarness.Site;
            o.DataDir = data.Path;
        });
        builder.Services.AddSingleton<HubMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IDeviceAuthenticator>(EmbeddedBrokerHarness.StandardDevices());
        foreach (var handler in handlers)
        {
            builder.Services.AddSingleton(handler);
        }

        builder.Services.AddBroker(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task Embedded_mode_starts_the_broker_then_the_connection_and_dispatches()
    {
        using var data = new TempDataDir();
        var handler = new RecordingHandler(_ => true);
        using var host = Build(data, new() { ["Broker:Port"] = "0" }, handler);

        await host.StartAsync();
        var connection = host.Services.GetRequiredService<HubMqttConnection>();
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TestMqttClient.Timeout);
        var broker = host.Services.GetRequiredService<EmbeddedBroker>();
        host.Services.GetRequiredService<IHubMqtt>().Should().BeSameAs(connection);

        await using (var device = await TestMqttClient.ConnectAsync(broker.Port, "dev-a", "dev-a", "secret-a"))
        {
            await device.SubscribeAsync(Topic("cmd"));
            await device.PublishAsync(Topic("event"), Event);
            (await handler.NextAsync()).DeviceId.Should().Be("dev-a");
            await host.Services.GetRequiredService<IHubMqtt>().PublishAsync(Topic("cmd"), Encoding.UTF8.GetBytes(Command), retain: false);
            (await device.NextAsync()).Topic.Should().Be(Topic("cmd"));
        }

        await host.StopAsync();
        connection.IsConnected.Should().BeFalse();
    }

    [Fact]
    public void External_mode_registers_no_embedded_broker()
    {
        using var data = new TempDataDir();
        using var host = Build(data, new() { ["Broker:Mode"] = "External", ["Broker:External:Host"] = "127.0.0.1" });

        host.Services.GetService<EmbeddedBroker>().Should().BeNull();
        host.Services.GetRequiredService<IHubMqtt>().Should().BeOfType<HubMqttConnection>();
    }

    [Fact]
    public async Task Invalid_settings_fail_the_start_with_the_setting_named()
    {
        using var data = new TempDataDir();
        using var host = Build(data, new() { ["Broker:MaxPacketSize"] = "10", ["Broker:Tools:Enabled"] = "true" });

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Failures.Should().Contain(f => f.Contains("Broker:MaxPacketSize")).And.Contain(f => f.Contains("Broker:Tools:PasswordHash"));
    }
}
