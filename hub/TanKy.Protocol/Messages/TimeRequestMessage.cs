namespace TanKy.Protocol.Messages;

/// <summary><c>dev/{id}/time</c>: clock-sync request; <c>t1</c> is the device clock at send, in µs.</summary>
public sealed record TimeRequestMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long T1 { get; init; }
}
