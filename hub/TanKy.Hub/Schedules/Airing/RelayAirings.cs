using System.Globalization;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Schedules.History;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Schedules.Airing;

/// <summary>
/// Scheduled relays (tiếp sóng) on the air. A relay is live: after a preemption it does not resume
/// from the offset it was cut at, it comes back at the live point for what is left of its slot. So
/// its broadcast uses policy skip, and once a cut zone is free again (nothing plays there) this
/// class submits a new relay broadcast to that zone for the remaining time, points the zone's
/// history row at it, and keeps the minutes actually relayed (<c>programme_history.relayed_ms</c>).
/// Driven by a timer on the hub clock (<see cref="TickAsync"/> does one pass).
/// </summary>
internal sealed class RelayAirings(IBroadcastService broadcasts, ProgrammeHistory history, TimeProvider time, ILogger<RelayAirings> log) : IDisposable
{
    /// <summary>Less than this left of the slot: a cut relay is not started again.</summary>
    public static readonly TimeSpan MinRemaining = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<Watch> _watches = [];
    private readonly SemaphoreSlim _tick = new(1, 1);
    private ITimer? _timer;

    /// <summary>Relays still followed (tests).</summary>
    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Starts the relay for the rest of its slot (all of it on time; less after a late start) and follows it.</summary>
    public async Task<string> StartAsync(ScheduledAiring airing, CancellationToken ct)
    {
        var end = airing.Start + airing.Duration;
        var now = time.GetUtcNow();
        var from = now > airing.Start ? now : airing.Start;
        if (end - from < MinRemaining)
        {
            throw new RelaySlotOverException(airing.Title);
        }

        var request = BroadcastProgrammePlayer.ToRelayRequest(airing, end - from) with { FirstSoundAt = now < airing.Start ? airing.Start : null };
        var ticket = await broadcasts.PlayAsync(request, ct);
        log.LogInformation("Relay {AiringId} of {Source} is broadcast {BroadcastId} for {Remaining}", airing.AiringId, airing.Relay!.SourceId, ticket.BroadcastId, end - from);
        lock (_gate)
        {
            _watches.Add(new Watch(airing, end, airing.Zones.ToDictionary(z => z, _ => new ZoneState(ticket.BroadcastId), StringComparer.Ordinal)));
            _timer ??= time.CreateTimer(_ => _ = TickQuietlyAsync(), null, Interval, Interval);
        }

        return ticket.BroadcastId;
    }

    /// <summary>One pass over every followed relay: count relayed time, continue cut zones that are free.</summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        if (!await _tick.WaitAsync(0, ct))
        {
            return;
        }

        try
        {
            List<Watch> watches;
            lock (_gate)
            {
                watches = [.. _watches];
            }

            foreach (var w in watches)
            {
                await FollowAsync(w, ct);
                if (w.Zones.Values.All(z => z.Done))
                {
                    lock (_gate)
                    {
                        _watches.Remove(w);
                        if (_watches.Count == 0)
                        {
                            _timer?.Dispose();
                            _timer = null;
                        }
                    }
                }
            }
        }
        finally
        {
            _tick.Release();
        }
    }

    private async Task FollowAsync(Watch w, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var free = new List<string>();
        foreach (var (zone, state) in w.Zones.Where(z => !z.Value.Done))
        {
            var decisions = broadcasts.Decisions(state.BroadcastId).Where(d => d.Zone == zone).ToList();
            var relayed = state.Before + Played(decisions);
            if (relayed != state.Recorded)
            {
                history.Relayed(w.Airing.AiringId, zone, relayed);
                state.Recorded = relayed;
            }

            var last = decisions.LastOrDefault();
            if (last is null || !IsFinal(last.Kind))
            {
                continue;
            }

            if (last.Kind != DecisionKind.Skipped || w.End - now < MinRemaining)
            {
                state.Done = true;
                continue;
            }

            state.CutBy ??= decisions.LastOrDefault(d => d.Kind == DecisionKind.Preempted) ?? last;
            if (broadcasts.InspectZone(zone).Playing is null)
            {
                free.Add(zone);
            }
        }

        if (free.Count > 0)
        {
            await ContinueAsync(w, free, now, ct);
        }
    }

    private async Task ContinueAsync(Watch w, List<string> zones, DateTimeOffset now, CancellationToken ct)
    {
        var remaining = w.End - now;
        var ticket = await broadcasts.PlayAsync(BroadcastProgrammePlayer.ToRelayRequest(w.Airing, remaining, zones, firstPart: false), ct);
        var at = CommuneTime.ToLocal(now).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var zone in zones)
        {
            var state = w.Zones[zone];
            var cut = state.CutBy!;
            var reason = HistoryReason.Join(
                state.Reason,
                HistoryReason.Of("sched2.reason.preempted-at", cut.By ?? "?", cut.Offset.ToString(@"m\:ss", CultureInfo.InvariantCulture)),
                HistoryReason.Of("relayprog.reason.live-again", at));
            history.Continued(w.Airing.AiringId, zone, ticket.BroadcastId, reason);
            w.Zones[zone] = new ZoneState(ticket.BroadcastId) { Before = state.Recorded, Recorded = state.Recorded, Reason = reason };
        }

        log.LogInformation("Relay {AiringId} goes on live in {Zones} as {BroadcastId} for the remaining {Remaining}", w.Airing.AiringId, string.Join(",", zones), ticket.BroadcastId, remaining);
    }

    /// <summary>
    /// Time on the air in one zone from the arbiter's decisions: from each start (aired) to the next
    /// cut or end, as content offsets; a part still playing is not counted until it ends.
    /// </summary>
    internal static TimeSpan Played(IReadOnlyList<ArbiterDecision> decisions)
    {
        var total = TimeSpan.Zero;
        TimeSpan? from = null;
        foreach (var d in decisions)
        {
            if (d.Kind is DecisionKind.Aired or DecisionKind.Resumed or DecisionKind.Restarted)
            {
                from = d.Offset;
            }
            else if (from is { } f && d.Kind is DecisionKind.Preempted or DecisionKind.Finished or DecisionKind.Cancelled or DecisionKind.Failed)
            {
                total += d.Offset - f;
                from = null;
            }
        }

        return total;
    }

    private static bool IsFinal(DecisionKind kind) =>
        kind is DecisionKind.Skipped or DecisionKind.Finished or DecisionKind.Cancelled or DecisionKind.Failed;

    private async Task TickQuietlyAsync()
    {
        try
        {
            await TickAsync();
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Could not follow the scheduled relays; retrying");
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _tick.Dispose();
    }

    private sealed record Watch(ScheduledAiring Airing, DateTimeOffset End, Dictionary<string, ZoneState> Zones);

    private sealed class ZoneState(string broadcastId)
    {
        public string BroadcastId { get; } = broadcastId;

        /// <summary>Relayed by the earlier parts of this zone.</summary>
        public TimeSpan Before { get; init; }

        public TimeSpan Recorded { get; set; }

        public string? Reason { get; init; }

        public ArbiterDecision? CutBy { get; set; }

        public bool Done { get; set; }
    }
}

/// <summary>A relay started (late, after a restart) when less than <see cref="RelayAirings.MinRemaining"/> of its slot is left.</summary>
internal sealed class RelaySlotOverException(string title) : InvalidOperationException($"the slot of relay '{title}' is over"), Shared.Text.ILocalizedError
{
    public Shared.Text.TextMessage Text { get; } = new("relayprog.reason.slot-over", title);
}
