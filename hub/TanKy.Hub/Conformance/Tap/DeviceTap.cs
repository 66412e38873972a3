using System.Collections.Concurrent;
using TanKy.Hub.Broker;
using TanKy.Protocol;

namespace TanKy.Hub.Conformance.Tap;

/// <summary>
/// Sees every message a device publishes, through the hub's own MQTT link, and hands those of a
/// device under test to its run's <see cref="DeviceInbox"/>. Costs one dictionary lookup per
/// message while nothing is watched.
/// </summary>
internal sealed class DeviceTap : IDeviceMessageHandler
{
    private readonly ConcurrentDictionary<string, DeviceInbox> _watched = new(StringComparer.Ordinal);

    public bool Handles(TopicKind kind) => kind is TopicKind.DeviceState or TopicKind.Telemetry or TopicKind.Reported or TopicKind.Reply or TopicKind.Event or TopicKind.TimeRequest;

    public ValueTask HandleAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (_watched.TryGetValue(message.DeviceId, out var inbox))
        {
            inbox.Add(message);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Starts recording a device's messages; null when another run already watches it.</summary>
    public DeviceInbox? Watch(string deviceId, TimeProvider time)
    {
        var inbox = new DeviceInbox(time);
        return _watched.TryAdd(deviceId, inbox) ? inbox : null;
    }

    public void Unwatch(string deviceId) => _watched.TryRemove(deviceId, out _);
}
