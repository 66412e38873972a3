using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Broadcasts.Streaming;

/// <summary>The <c>zone/{z}/play</c> orders of protocol.md §4.8 for a stream.</summary>
internal static class PlayOrders
{
    public const string Opus = "opus";

    public static byte[] Play(StreamPlan plan, long nowMs) => ProtocolJson.Serialize(new PlayOrderMessage
    {
        V = ProtocolConstants.Version,
        Op = "play",
        Stream = plan.StreamId,
        Class = plan.Class.ToWire(),
        Codec = Opus,
        Start = plan.PlayoutStartUs,
        Volume = plan.Volume,
        Epoch = plan.Epoch,
        Ts = nowMs,
    });

    public static byte[] Stop(string streamId, long nowMs) => ProtocolJson.Serialize(new PlayOrderMessage
    {
        V = ProtocolConstants.Version,
        Op = "stop",
        Stream = streamId,
        Ts = nowMs,
    });
}
