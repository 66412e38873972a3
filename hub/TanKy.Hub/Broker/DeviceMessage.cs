using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Broker;

/// <summary>
/// A message a device published, after <see cref="PayloadValidator"/> accepted it.
/// <paramref name="Retained"/>: the device published it retained (the hub subscribes with
/// retain-as-published, so live messages keep the flag; the conformance kit checks it).
/// </summary>
public sealed record DeviceMessage(ParsedTopic Topic, IProtocolMessage? Message, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt, bool Retained = false)
{
    /// <summary>The publishing device (every device topic has one).</summary>
    public string DeviceId => Topic.Subject!;
}
