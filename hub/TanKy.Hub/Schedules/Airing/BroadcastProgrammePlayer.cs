using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// Plays a scheduled airing through the broadcast engine: one broadcast whose playlist is the
/// chime before, the clips and the chime after, arbitrated per zone like any other broadcast.
/// What finally happened per zone is written to the history by <see cref="AiringOutcomeReconciler"/>.
/// The trigger fires <see cref="ScheduleOptions.ArmAhead"/> early; the broadcast is requested one
/// stream lead before airtime with its first sound at the airtime itself, the instant pre-cached
/// nodes play it (protocol.md §4.11), so live and cached speakers of a zone are in step.
/// </summary>
internal sealed class BroadcastProgrammePlayer(IBroadcastService broadcasts, IOptions<BroadcastOptions> options, TimeProvider time, ILogger<BroadcastProgrammePlayer> log) : IProgrammePlayer
{
    public const string Operator = "schedule";
    public const string Source = "schedule";
    private static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(100);

    public async Task<string> StartAsync(ScheduledAiring airing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(airing);
        // Wake a little early (timers run late): the play-out start is pinned to the airtime anyway.
        var wait = airing.Start - options.Value.Lead - WakeMargin - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var request = ToRequest(airing) with { FirstSoundAt = airing.Start };
        var ticket = await broadcasts.PlayAsync(request, cancellationToken);
        log.LogInformation("Airing {AiringId} ({Programme}) is broadcast {BroadcastId}: {Status}", airing.AiringId, airing.ProgrammeId, ticket.BroadcastId, ticket.Status);
        return ticket.BroadcastId;
    }

    public static BroadcastRequest ToRequest(ScheduledAiring airing)
    {
        var playlist = airing.Sequence();
        return new BroadcastRequest(
            playlist[0],
            airing.Class,
            airing.Zones,
            Operator,
            Source,
            airing.Volume,
            airing.OnPreempt,
            playlist,
            Title: airing.Title,
            StreamId: airing.AiringId);
    }
}
