using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Streaming;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Everything one arbitration step changes, written by <see cref="BroadcastStore.Apply"/> in one
/// transaction: a crash leaves the decisions, streams and statuses of a step all or none.
/// </summary>
internal sealed class BroadcastStep(DateTimeOffset at)
{
    public DateTimeOffset At { get; } = at;

    public BroadcastRecord? NewBroadcast { get; set; }

    public List<ArbiterDecision> Decisions { get; } = [];

    public List<(StreamPlan Plan, IReadOnlyList<DeliveryTarget> Targets)> NewStreams { get; } = [];

    public List<(string StreamId, long Frames, string Reason)> EndedStreams { get; } = [];

    public List<(string BroadcastId, string Status, string? EndReason)> Statuses { get; } = [];
}
