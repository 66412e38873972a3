namespace TanKy.Hub.Broker;

/// <summary>
/// The hub's own MQTT connection, the same in Embedded and External mode. Features publish
/// through it; incoming device messages reach them through <see cref="IDeviceMessageHandler"/>.
/// </summary>
public interface IHubMqtt
{
    bool IsConnected { get; }

    /// <summary>Publishes and, for QoS 1, waits for the broker's acknowledgement.</summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, int qos = 1, CancellationToken cancellationToken = default);
}
