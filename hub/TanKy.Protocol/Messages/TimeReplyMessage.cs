namespace TanKy.Protocol.Messages;

/// <summary>
/// <c>dev/{id}/time/reply</c>: <c>t1</c> echoed, <c>t2</c> hub clock at receipt, <c>t3</c> hub clock
/// at send, all in µs. The device notes <c>t4</c> on arrival.
/// </summary>
public sealed record TimeReplyMessage : IProtocolMessage
{
    public required int V { get; init; }

    public required long T1 { get; init; }

    public required long T2 { get; init; }

    public required long T3 { get; init; }
}
