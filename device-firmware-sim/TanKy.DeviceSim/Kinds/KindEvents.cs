using System.Text.Json.Nodes;
using MQTTnet.Protocol;
using TanKy.DeviceSim.Node;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Kinds;

/// <summary>Device-raised events beyond playback, such as a camera's tamper alarm (protocol.md §4.9).</summary>
internal sealed class KindEvents
{
    private readonly NodeContext _node;
    private readonly NodeLink _link;

    public KindEvents(NodeContext node, NodeLink link) => (_node, _link) = (node, link);

    /// <summary>Publishes one event on <c>dev/{id}/event</c>, QoS 1. True when the broker took it.</summary>
    public Task<bool> PublishAsync(string type, JsonObject? data, CancellationToken ct)
    {
        var message = new EventMessage { V = ProtocolConstants.Version, Type = type, Ts = _node.NowMs(), Data = data };
        return _link.PublishAsync(_node.Topics.Event(_node.DeviceId), ProtocolJson.Serialize(message), MqttQualityOfServiceLevel.AtLeastOnce, retain: false, ct);
    }
}
