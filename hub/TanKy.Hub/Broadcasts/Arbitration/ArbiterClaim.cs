using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>
/// A broadcast asking for zones. <paramref name="Length"/> is the content's duration when known
/// (a stored clip), null for live content; it bounds resume offsets. <paramref name="PlayoutNotBefore"/>
/// is when its first frame plays at the earliest (a scheduled airing's airtime less the pre-skip,
/// which the hub pins the stream to): airing earlier than a lead before then, it starts then,
/// and offsets reached are counted from then.
/// </summary>
internal sealed record ArbiterClaim(
    string BroadcastId,
    BulletinClass Class,
    PreemptionPolicy Policy,
    IReadOnlyList<string> Zones,
    TimeSpan? Length = null,
    DateTimeOffset? PlayoutNotBefore = null);
