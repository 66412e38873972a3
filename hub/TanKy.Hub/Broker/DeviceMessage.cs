using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Broker;

/// <summary>A message a device published, after <see cref="PayloadValidator"/> accepted it.</summary>
public sealed record DeviceMessage(ParsedTopic Topic, IProtocolMessage? Message, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt)
{
    /// <summary>The publishing device (every device topic has one).</summary>
    public string DeviceId => Topic.Subject!;
}
