using TanKy.Hub.Shared.Text;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts.Arbitration;

/// <summary>
/// Decides, per zone, which broadcast plays: a higher class preempts a lower one; equal classes
/// queue first-come-first-served, except emergency where the latest wins (a stuck microphone
/// must not hold the commune). A preempted broadcast's policy decides what happens once the
/// zone is free: resume at the offset reached, restart from 0, or skip. Pure logic over the
/// injected clock; it returns every decision and the caller acts on them and records them.
/// Thread-safe: schedules, operators and emergency triggers call it concurrently.
/// </summary>
internal sealed class ZoneArbiter
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lead;
    private readonly Dictionary<string, ZoneLine> _zones = new(StringComparer.Ordinal);
    private long _sequence;

    /// <param name="time">The hub clock.</param>
    /// <param name="lead">
    /// Delay between airing and the first frame's play-out: offsets reached are counted from
    /// then, so a broadcast cut during its lead resumes from 0.
    /// </param>
    public ZoneArbiter(TimeProvider time, TimeSpan lead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lead, TimeSpan.Zero);
        _time = time;
        _lead = lead;
    }

    /// <summary>Claims the zones of a new broadcast: it airs, preempts, or waits in each.</summary>
    public IReadOnlyList<ArbiterDecision> Submit(ArbiterClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
        {
            if (_zones.Values.Any(z => z.Find(claim.BroadcastId) is not null))
            {
                throw new InvalidOperationException($"broadcast '{claim.BroadcastId}' already holds zones");
            }

            var now = _time.GetUtcNow();
            var sequence = ++_sequence;
            var decisions = new List<ArbiterDecision>();
            foreach (var zone in claim.Zones.Distinct(StringComparer.Ordinal))
            {
                var line = Line(zone);
                var leg = new ZoneLeg(claim, sequence);
                if (line.Current is { } current)
                {
                    if (!Preempts(claim.Class, current.Class))
                    {
                        line.Waiting.Add(leg);
                        decisions.Add(new(DecisionKind.Queued, claim.BroadcastId, zone, now, TimeSpan.Zero, current.BroadcastId,
                            new TextMessage("rules2.decision.busy." + current.Class.ToWire()).Encode()));
                        continue;
                    }

                    Cut(line, current, claim, now, decisions);
                }

                Air(line, leg, now, decisions);
            }

            return decisions;
        }
    }

    /// <summary>The broadcast played to its end in the zone: the next one waiting airs.</summary>
    public IReadOnlyList<ArbiterDecision> Complete(string broadcastId, string zone)
    {
        lock (_gate)
        {
            var decisions = new List<ArbiterDecision>();
            if (_zones.TryGetValue(zone, out var line) && line.Current?.BroadcastId == broadcastId)
            {
                var now = _time.GetUtcNow();
                decisions.Add(new(DecisionKind.Finished, broadcastId, zone, now, OffsetReached(line.Current, now)));
                line.Current = null;
                AirNext(line, now, decisions);
            }

            return decisions;
        }
    }

    /// <summary>
    /// Removes a broadcast from every zone (or only <paramref name="zones"/>), playing or waiting,
    /// as <see cref="DecisionKind.Cancelled"/> or <see cref="DecisionKind.Failed"/>; zones it
    /// played in go to the next one waiting.
    /// </summary>
    public IReadOnlyList<ArbiterDecision> Withdraw(string broadcastId, DecisionKind kind, string reason, IReadOnlyCollection<string>? zones = null)
    {
        if (kind is not (DecisionKind.Cancelled or DecisionKind.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a withdrawal is cancelled or failed");
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var decisions = new List<ArbiterDecision>();
            foreach (var line in _zones.Values.Where(l => zones is null || zones.Contains(l.Zone)).ToList())
            {
                if (line.Current?.BroadcastId == broadcastId)
                {
                    decisions.Add(new(kind, broadcastId, line.Zone, now, OffsetReached(line.Current, now), Reason: reason));
                    line.Current = null;
                    AirNext(line, now, decisions);
                }
                else if (line.Find(broadcastId) is { } waiting)
                {
                    line.Waiting.Remove(waiting);
                    decisions.Add(new(kind, broadcastId, line.Zone, now, waiting.NextOffset, Reason: reason));
                }
            }

            return decisions;
        }
    }

    /// <summary>True while the broadcast plays or waits in at least one zone.</summary>
    public bool Holds(string broadcastId)
    {
        lock (_gate)
        {
            return _zones.Values.Any(z => z.Find(broadcastId) is not null);
        }
    }

    /// <summary>True while the broadcast plays in at least one zone.</summary>
    public bool Plays(string broadcastId)
    {
        lock (_gate)
        {
            return _zones.Values.Any(z => z.Current?.BroadcastId == broadcastId);
        }
    }

    public ZoneView Inspect(string zone)
    {
        lock (_gate)
        {
            if (!_zones.TryGetValue(zone, out var line))
            {
                return new ZoneView(zone, null, []);
            }

            var order = new List<ZoneLeg>(line.Waiting);
            order.Sort((a, b) => a.GoesBefore(b) ? -1 : b.GoesBefore(a) ? 1 : 0);
            return new ZoneView(zone, line.Current?.BroadcastId, order.Select(l => l.BroadcastId).ToList());
        }
    }

    private static bool Preempts(BulletinClass incoming, BulletinClass playing) =>
        incoming > playing || (incoming == BulletinClass.Emergency && playing == BulletinClass.Emergency);

    private void Cut(ZoneLine line, ZoneLeg current, ArbiterClaim by, DateTimeOffset now, List<ArbiterDecision> decisions)
    {
        var offset = OffsetReached(current, now);
        line.Current = null;
        decisions.Add(new(DecisionKind.Preempted, current.BroadcastId, line.Zone, now, offset, by.BroadcastId,
            new TextMessage("rules2.decision.preempted." + by.Class.ToWire()).Encode()));
        if (current.Claim.Length is { } length && offset >= length)
        {
            decisions.Add(new(DecisionKind.Finished, current.BroadcastId, line.Zone, now, offset, by.BroadcastId, "had played to its end"));
            return;
        }

        switch (current.Claim.Policy)
        {
            case PreemptionPolicy.Skip:
                decisions.Add(new(DecisionKind.Skipped, current.BroadcastId, line.Zone, now, offset, by.BroadcastId, "policy skip after preemption"));
                return;
            case PreemptionPolicy.Restart:
                current.NextOffset = TimeSpan.Zero;
                break;
            default:
                current.NextOffset = offset;
                break;
        }

        line.Waiting.Add(current);
    }

    private void Air(ZoneLine line, ZoneLeg leg, DateTimeOffset now, List<ArbiterDecision> decisions)
    {
        var kind = !leg.HasAired ? DecisionKind.Aired : leg.NextOffset > TimeSpan.Zero ? DecisionKind.Resumed : DecisionKind.Restarted;
        leg.HasAired = true;
        leg.PlayoutFrom = leg.Claim.PlayoutNotBefore is { } pinned && pinned > now + _lead ? pinned : now + _lead;
        leg.AiredFrom = leg.NextOffset;
        line.Current = leg;
        decisions.Add(new(kind, leg.BroadcastId, line.Zone, now, leg.NextOffset));
    }

    private void AirNext(ZoneLine line, DateTimeOffset now, List<ArbiterDecision> decisions)
    {
        ZoneLeg? next = null;
        foreach (var leg in line.Waiting)
        {
            if (next is null || leg.GoesBefore(next))
            {
                next = leg;
            }
        }

        if (next is not null)
        {
            line.Waiting.Remove(next);
            Air(line, next, now, decisions);
        }
    }

    /// <summary>
    /// Content position reached now: whole frames played since the first frame's play-out (airing +
    /// lead, or the claim's pinned play-out when later: the stream really starts then).
    /// </summary>
    private TimeSpan OffsetReached(ZoneLeg leg, DateTimeOffset now)
    {
        var played = now - leg.PlayoutFrom;
        if (played <= TimeSpan.Zero)
        {
            return leg.AiredFrom;
        }

        var frame = AudioSourceFormat.FrameDuration;
        var offset = leg.AiredFrom + (frame * (played.Ticks / frame.Ticks));
        return leg.Claim.Length is { } length && offset > length ? length : offset;
    }

    private ZoneLine Line(string zone)
    {
        if (!_zones.TryGetValue(zone, out var line))
        {
            line = new ZoneLine(zone);
            _zones[zone] = line;
        }

        return line;
    }

    private sealed class ZoneLine(string zone)
    {
        public string Zone { get; } = zone;

        public ZoneLeg? Current { get; set; }

        public List<ZoneLeg> Waiting { get; } = [];

        public ZoneLeg? Find(string broadcastId) =>
            Current?.BroadcastId == broadcastId ? Current : Waiting.Find(l => l.BroadcastId == broadcastId);
    }
}
