using TanKy.Hub.Broadcasts.Delivery;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary><c>GET /api/v1/broadcasts/{id}</c>: the broadcast, every decision per zone, and its delivery report.</summary>
internal sealed record BroadcastDetailDto(BroadcastRecord Broadcast, IReadOnlyList<BroadcastDecisionDto> Decisions, DeliveryReport Delivery);
