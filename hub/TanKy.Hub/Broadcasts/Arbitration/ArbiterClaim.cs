namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>
/// A broadcast asking for zones. <paramref name="Length"/> is the content's duration when known
/// (a stored clip), null for live content; it bounds resume offsets.
/// </summary>
public sealed record ArbiterClaim(
    string BroadcastId,
    BroadcastClass Class,
    PreemptionPolicy Policy,
    IReadOnlyList<string> Zones,
    TimeSpan? Length = null);
