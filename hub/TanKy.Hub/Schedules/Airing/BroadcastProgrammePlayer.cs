using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Schedules.Relays;
using TanKy.Protocol;

namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// Plays a scheduled airing through the broadcast engine: one broadcast whose playlist is the
/// chime before, the clips and the chime after, arbitrated per zone like any other broadcast.
/// What finally happened per zone is written to the history by <see cref="AiringOutcomeReconciler"/>.
/// The trigger fires <see cref="ScheduleOptions.ArmAhead"/> early; the broadcast is requested one
/// stream lead before airtime with its first sound at the airtime itself, the instant pre-cached
/// nodes play it (protocol.md §4.11), so live and cached speakers of a zone are in step.
/// A relay goes to <see cref="RelayAirings"/> (it continues live after a preemption); recordings
/// named in the playlist are resolved to the clips they became, or to the fallback.
/// </summary>
internal sealed class BroadcastProgrammePlayer(
    IBroadcastService broadcasts,
    RelayAirings relays,
    RecordedClips recorded,
    IOptions<BroadcastOptions> options,
    TimeProvider time,
    ILogger<BroadcastProgrammePlayer> log) : IProgrammePlayer
{
    public const string Operator = "schedule";
    public const string Source = "schedule";
    private static readonly TimeSpan WakeMargin = TimeSpan.FromMilliseconds(100);

    public async Task<string> StartAsync(ScheduledAiring airing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(airing);
        // Resolved before the wait: a failed recording raises its alert as early as possible.
        var resolved = airing.Relay is null ? recorded.Resolve(airing) : airing;

        // Wake a little early (timers run late): the play-out start is pinned to the airtime anyway.
        var wait = airing.Start - options.Value.Lead - WakeMargin - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        if (airing.Relay is not null)
        {
            return await relays.StartAsync(airing, cancellationToken);
        }

        var request = ToRequest(resolved) with { FirstSoundAt = airing.Start };
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

    /// <summary>
    /// A relay airing as a broadcast of <paramref name="remaining"/>: policy skip, so the arbiter never
    /// resumes it from an offset (<see cref="RelayAirings"/> starts it again at the live point).
    /// <see cref="BroadcastRequest.MediaId"/> is empty: there is no clip, the relay's fallback is its own.
    /// </summary>
    public static BroadcastRequest ToRelayRequest(ScheduledAiring airing, TimeSpan remaining, IReadOnlyList<string>? zones = null, bool firstPart = true)
    {
        var relay = airing.Relay ?? throw new ArgumentException("not a relay airing", nameof(airing));
        return new BroadcastRequest(
            string.Empty,
            airing.Class,
            zones ?? airing.Zones,
            Operator,
            Source,
            airing.Volume,
            PreemptionPolicy.Skip,
            Title: airing.Title,
            StreamId: firstPart ? airing.AiringId : null,
            Relay: new RelayContent(relay.SourceId, remaining, airing.Fallback));
    }
}
