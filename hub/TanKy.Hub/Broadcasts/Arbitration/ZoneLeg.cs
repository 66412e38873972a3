using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>One broadcast's claim on one zone: playing, or waiting (queued or preempted).</summary>
internal sealed class ZoneLeg(ArbiterClaim claim, long sequence)
{
    public ArbiterClaim Claim { get; } = claim;

    /// <summary>Order of submission: first-come-first-served, and "latest wins" for emergencies.</summary>
    public long Sequence { get; } = sequence;

    public string BroadcastId => Claim.BroadcastId;

    public BulletinClass Class => Claim.Class;

    /// <summary>Where playback starts next time it airs.</summary>
    public TimeSpan NextOffset { get; set; }

    public bool HasAired { get; set; }

    /// <summary>When its first frame plays since it last aired: a lead after airing, or its pinned play-out if later.</summary>
    public DateTimeOffset PlayoutFrom { get; set; }

    public TimeSpan AiredFrom { get; set; }

    /// <summary>True when this leg goes before <paramref name="other"/> once the zone is free.</summary>
    public bool GoesBefore(ZoneLeg other)
    {
        if (Class != other.Class)
        {
            return Class > other.Class;
        }

        return Class == BulletinClass.Emergency ? Sequence > other.Sequence : Sequence < other.Sequence;
    }
}
