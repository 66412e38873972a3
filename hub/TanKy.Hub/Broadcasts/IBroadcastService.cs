using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Delivery;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Plays content to zones through the zone arbiter: the one entry point for manual broadcasts,
/// schedules and emergency triggers.
/// </summary>
public interface IBroadcastService
{
    /// <summary>
    /// Validates and submits a broadcast; it airs, preempts or queues per zone at once. Returns
    /// without waiting for the audio.
    /// </summary>
    /// <exception cref="BroadcastRequestException">Unknown zone or media, invalid volume, no zones.</exception>
    Task<BroadcastTicket> PlayAsync(BroadcastRequest request, CancellationToken cancellationToken = default);

    /// <summary>Stops a broadcast everywhere (playing or waiting) as cancelled.</summary>
    Task<StopResult> StopAsync(string broadcastId, string stoppedBy, CancellationToken cancellationToken = default);

    BroadcastRecord? Get(string broadcastId);

    /// <summary>Newest first; <paramref name="zones"/> limits to broadcasts touching one of them.</summary>
    IReadOnlyList<BroadcastRecord> List(int limit, IReadOnlyList<string>? zones = null);

    IReadOnlyList<ArbiterDecision> Decisions(string broadcastId);

    DeliveryReport GetDeliveryReport(string broadcastId);

    /// <summary>What a zone plays and what waits for it.</summary>
    ZoneView InspectZone(string zone);
}
