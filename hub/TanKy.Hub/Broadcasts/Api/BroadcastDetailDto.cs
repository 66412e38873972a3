using TanKy.Hub.Broadcasts.Delivery;

namespace TanKy.Hub.Broadcasts.Api;

/// <summary>
/// <c>GET /api/v1/broadcasts/{id}</c>: the broadcast, every decision per zone, and its delivery report;
/// for a relay also its status and counts (dropouts, fallback switches, seconds relayed), while the hub
/// remembers it (the relay running, or among the last <c>Relay:KeepEnded</c> ended since the hub started).
/// </summary>
internal sealed record BroadcastDetailDto(BroadcastRecord Broadcast, IReadOnlyList<BroadcastDecisionDto> Decisions, DeliveryReport Delivery, Relay.RelayStatusDto? Relay = null);
