namespace TanKy.Protocol.Messages;

/// <summary>Every JSON message carries the protocol version <c>v</c>.</summary>
public interface IProtocolMessage
{
    int V { get; }
}
