using System.Text.Json.Nodes;
using MQTTnet.Protocol;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>Device-raised events beyond playback: a camera's tamper alarm (protocol.md §4.9).</summary>
public sealed partial class SimulatedNode
{
    /// <summary>Publishes <c>camera.tamper</c> (the lens covered or the camera moved). True when the broker took it.</summary>
    public Task<bool> RaiseTamperAsync(string reason, CancellationToken ct = default) =>
        PublishKindEventAsync("camera.tamper", new JsonObject { ["reason"] = reason }, ct);

    /// <summary>Publishes one event on <c>dev/{id}/event</c>, QoS 1.</summary>
    public Task<bool> PublishKindEventAsync(string type, JsonObject? data, CancellationToken ct = default)
    {
        var message = new EventMessage { V = ProtocolConstants.Version, Type = type, Ts = NowMs(), Data = data };
        return PublishAsync(_topics.Event(DeviceId), ProtocolJson.Serialize(message), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ct);
    }
}
