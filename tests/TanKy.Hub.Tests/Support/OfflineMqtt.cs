using TanKy.Hub.Broker;

namespace TanKy.Hub.Tests.Support;

/// <summary>
/// The hub's MQTT link while the broker is down: writes made through it (e.g. desired state set
/// while the hub is stopped) are stored only, to be republished when a hub connects again.
/// </summary>
public sealed class OfflineMqtt : IHubMqtt
{
    public bool IsConnected => false;

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"cannot publish to {topic}: the broker is down");
}
