using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Broadcasts.Clock;

/// <summary>
/// <see cref="IHubMqtt"/> resolved on first use. The MQTT connection is built with every
/// <see cref="IDeviceMessageHandler"/>, so a handler that answers over MQTT (the time responder)
/// cannot take the connection in its constructor without a dependency cycle.
/// </summary>
internal sealed class DeferredHubMqtt(IServiceProvider services) : IHubMqtt
{
    private readonly Lazy<IHubMqtt> _mqtt = new(services.GetRequiredService<IHubMqtt>);

    public bool IsConnected => _mqtt.Value.IsConnected;

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default) =>
        _mqtt.Value.PublishAsync(topic, payload, retain, qos, cancellationToken);
}
