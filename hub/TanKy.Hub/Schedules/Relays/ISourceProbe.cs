using TanKy.Hub.Broadcasts.Relay;

namespace TanKy.Hub.Schedules.Relays;

/// <summary>Whether a relay source answers now (the health check ahead of airtime); tests fake it.</summary>
public interface ISourceProbe
{
    Task<bool> IsReachableAsync(RelaySource source, CancellationToken cancellationToken);
}

/// <summary>
/// Opens the source's feed and reads up to <see cref="Listen"/> of it: reachable as soon as one frame
/// of real source audio arrives, unreachable when only gaps came (the feed has tried every URL by then).
/// </summary>
internal sealed class FeedSourceProbe(IPcmFeedFactory? feeds = null) : ISourceProbe
{
    public static readonly TimeSpan Listen = TimeSpan.FromSeconds(5);

    public async Task<bool> IsReachableAsync(RelaySource source, CancellationToken cancellationToken)
    {
        if (feeds is null)
        {
            return false; // no feed factory in this host: nothing can be relayed
        }

        var frame = new float[960];
        await using var feed = feeds.Open(source);
        for (var i = 0; i < (int)(Listen.TotalMilliseconds / 20); i++)
        {
            if (await feed.ReadFrameAsync(frame, cancellationToken) == PcmFeedStatus.Audio)
            {
                return true;
            }
        }

        return false;
    }
}
