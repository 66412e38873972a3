using TanKy.Protocol;

namespace TanKy.Hub.Broker;

/// <summary>
/// Receives validated messages that devices published. Registered in DI; the hub's MQTT
/// connection calls every handler whose <see cref="Handles"/> is true, one message at a time
/// per handler, and logs (never rethrows) a handler's exception.
/// </summary>
public interface IDeviceMessageHandler
{
    bool Handles(TopicKind kind);

    ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken);
}
