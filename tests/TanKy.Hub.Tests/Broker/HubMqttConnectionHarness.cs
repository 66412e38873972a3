using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Broker;

/// <summary>Builds a <see cref="HubMqttConnection"/> against any endpoint, with the broker harness's metrics and logs.</summary>
internal static class HubMqttConnectionHarness
{
    public static async Task<HubMqttConnection> StartAsync(EmbeddedBrokerHarness broker, params IDeviceMessageHandler[] handlers)
    {
        var connection = Create(broker.Broker, broker, handlers);
        await connection.StartAsync(CancellationToken.None);
        await connection.WaitConnectedAsync(CancellationToken.None).WaitAsync(TestMqttClient.Timeout);
        return connection;
    }

    public static HubMqttConnection Create(IBrokerEndpoint endpoint, EmbeddedBrokerHarness context, params IDeviceMessageHandler[] handlers) =>
        new(endpoint, Options.Create(context.HubOptions), handlers, context.Metrics, TimeProvider.System, context.LoggerFactory.CreateLogger<HubMqttConnection>());
}
