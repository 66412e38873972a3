using TanKy.Hub.Shared.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Protocol;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Runs broadcasts: asks the <see cref="ZoneArbiter"/> for zones and acts on every decision.
/// Each start in a set of zones becomes one stream (its own id, epoch and play-out start) — a
/// broadcast queued in some zones airs there later as another stream for its content. One lock
/// serialises arbitration and the matching database step; streams run on their own tasks,
/// outside it, so broadcasts never wait for each other's audio or disk.
/// </summary>
public sealed class BroadcastService : IBroadcastService
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BroadcastState> _active = new(StringComparer.Ordinal);
    private readonly HashSet<StreamSession> _running = [];
    private readonly ZoneArbiter _arbiter;
    private readonly BroadcastStore _store;
    private readonly DeliveryReporter _reporter;
    private readonly BroadcastValidator _validator;
    private readonly DeliveryTargets _targets;
    private readonly StreamContext _context;
    private readonly ILogger<BroadcastService> _logger;
    private readonly BroadcastLifecycleHooks _lifecycle;
    private readonly RelayBroadcasts? _relays;
    // Lifecycle events in the order they happened under _gate; delivered in that order, one
    // delivery at a time (_notifyGate), so no hook hears a broadcast end before its stream started.
    private readonly List<LifecycleEvent> _events = [];
    private readonly object _notifyGate = new();
    private bool _delivering;

    internal BroadcastService(
        ZoneArbiter arbiter,
        BroadcastStore store,
        DeliveryReporter reporter,
        BroadcastValidator validator,
        DeliveryTargets targets,
        StreamContext context,
        ILogger<BroadcastService> logger,
        Func<IEnumerable<IBroadcastLifecycle>>? lifecycle = null,
        RelayBroadcasts? relays = null)
    {
        _relays = relays;
        (_arbiter, _lifecycle) = (arbiter, new(lifecycle, logger));
        (_store, _reporter) = (store, reporter);
        _validator = validator;
        _targets = targets;
        _context = context;
        _logger = logger;
    }

    private HubClock Clock => _context.Clock;

    public Task<BroadcastTicket> PlayAsync(BroadcastRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Relay is not null)
        {
            return Task.FromResult(PlayRelay(request));
        }

        var (zones, media) = _validator.Validate(request);
        return Task.FromResult(Submit(request, zones, new StoredMediaSource(media), media.Title));
    }

    /// <summary>Plays a live source (microphone, sound card) to zones the caller has validated; it ends when the source ends.</summary>
    public Task<BroadcastTicket> PlayLiveAsync(BroadcastRequest request, IReadOnlyList<string> zones, IAudioSource source) =>
        Task.FromResult(Submit(request, zones, source, request.Title ?? source.Title));

    /// <summary>A relay (tiếp sóng): the feed opens with its first stream and closes when the broadcast ends (<see cref="RelayBroadcasts"/>).</summary>
    private BroadcastTicket PlayRelay(BroadcastRequest request)
    {
        if (_relays is not { Available: true })
        {
            throw new BroadcastRequestException("relayair.bc.unavailable");
        }

        var (zones, source, fallback) = _validator.ValidateRelay(request);
        var relay = _relays.Create(source, request.Relay!, fallback);
        return Submit(request, zones, relay, request.Title ?? relay.Title);
    }

    private BroadcastTicket Submit(BroadcastRequest request, IReadOnlyList<string> zones, IAudioSource source, string title)
    {
        var policy = request.Policy ?? _context.Options.DefaultPolicy;
        var record = new BroadcastRecord
        {
            Id = "bc-" + RandomHex(6), Class = request.Class.ToWire(), Policy = policy.ToWire(), Zones = zones,
            Media = request.MediaId, Title = title, Volume = request.Volume, Operator = request.Operator, Source = request.Source,
            RequestedAt = Clock.Time.GetUtcNow(), RequestedUs = Clock.NowMicros, Status = BroadcastStatus.Queued,
        };
        var state = new BroadcastState(record, source)
        {
            FirstStreamId = request.StreamId is { } sid && !_store.StreamExists(sid) ? sid : null,
            FirstSoundAtUs = request.FirstSoundAt is { } at ? HubClock.ToMicros(at) : null,
        };
        var length = source.TotalSamples is { } samples ? AudioSourceFormat.DurationOf(samples) : (TimeSpan?)null;
        List<StreamSession> started;
        lock (_gate)
        {
            _active.Add(record.Id, state);
            if (source is RelayAudioSource relay)
            {
                _relays?.Track(record.Id, relay);
            }

            var pinned = PlayoutNotBefore(state) is { } us ? HubClock.FromMicros(us) : (DateTimeOffset?)null;
            var decisions = _arbiter.Submit(new ArbiterClaim(record.Id, request.Class, policy, zones, length, pinned));
            try
            {
                started = Apply(new BroadcastStep(record.RequestedAt) { NewBroadcast = record }, decisions, record.Id);
            }
            catch
            {
                // Not stored, so not on the air either: give the zones back.
                _active.Remove(record.Id);
                _arbiter.Withdraw(record.Id, DecisionKind.Failed, BroadcastEndReason.NotStored);
                if (source is RelayAudioSource refused)
                {
                    _relays?.Ended(record.Id, refused);
                }

                throw;
            }
        }

        StartAll(started);
        _logger.LogInformation("Broadcast {BroadcastId} ({Class}, {Media}) to {Zones} by {Operator} via {Source}: {Status}",
            record.Id, record.Class, record.Media, string.Join(',', zones), record.Operator, record.Source, state.Status);
        var stream = started.Find(s => s.Plan.BroadcastId == record.Id)?.Plan.StreamId;
        return new BroadcastTicket(record.Id, stream, state.Status);
    }

    public Task<StopResult> StopAsync(string broadcastId, string stoppedBy, CancellationToken cancellationToken = default)
    {
        List<StreamSession> started;
        lock (_gate)
        {
            if (!_active.TryGetValue(broadcastId, out var state))
            {
                return Task.FromResult(_store.Get(broadcastId) is null ? StopResult.NotFound : StopResult.AlreadyEnded);
            }

            state.CancelledBy = stoppedBy;
            var reason = BroadcastState.StoppedBy(stoppedBy);
            var decisions = _arbiter.Withdraw(broadcastId, DecisionKind.Cancelled, reason);
            foreach (var session in state.Sessions)
            {
                session.Cut(reason);
            }

            started = Apply(new BroadcastStep(Clock.Time.GetUtcNow()), decisions, broadcastId);
        }

        StartAll(started);
        _logger.LogInformation("Broadcast {BroadcastId} stopped by {Operator}", broadcastId, stoppedBy);
        return Task.FromResult(StopResult.Stopped);
    }

    public BroadcastRecord? Get(string broadcastId) => _store.Get(broadcastId);

    public IReadOnlyList<BroadcastRecord> List(int limit, IReadOnlyList<string>? zones = null) => _store.List(limit, zones);

    public IReadOnlyList<ArbiterDecision> Decisions(string broadcastId) => _store.Decisions(broadcastId);

    public DeliveryReport GetDeliveryReport(string broadcastId) => _reporter.Build(broadcastId);

    public ZoneView InspectZone(string zone) => _arbiter.Inspect(zone);

    /// <summary>Cuts every stream (hub stopping) and waits until each has sent its stop orders and ended.</summary>
    internal async Task StopAllAsync(CancellationToken cancellationToken)
    {
        var reason = BroadcastEndReason.HubStopping;
        lock (_gate)
        {
            foreach (var session in _running)
            {
                session.Cut(reason);
            }
        }

        await WhenStreamsEndedAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Streams on the air now (each waits on at most one timer at a time).</summary>
    internal int RunningStreams
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Completes when no stream is on the air, including streams that ending ones start.</summary>
    internal async Task WhenStreamsEndedAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running.Select(s => s.Completion)];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running);
        }
    }

    private async Task OnStreamEndedAsync(StreamSession session, StreamOutcome outcome)
    {
        List<StreamSession> started;
        var plan = session.Plan;
        lock (_gate)
        {
            _active.GetValueOrDefault(plan.BroadcastId)?.Sessions.Remove(session);
            _running.Remove(session);
            var decisions = outcome.End switch
            {
                StreamEnd.Completed => outcome.RemainingZones.SelectMany(z => _arbiter.Complete(plan.BroadcastId, z)).ToList(),
                StreamEnd.Failed => _arbiter.Withdraw(plan.BroadcastId, DecisionKind.Failed, outcome.Reason, outcome.RemainingZones),
                _ => [],
            };
            var step = new BroadcastStep(Clock.Time.GetUtcNow());
            step.EndedStreams.Add((plan.StreamId, outcome.Frames, outcome.Reason));
            started = Apply(step, decisions, plan.BroadcastId);
        }

        StartAll(started);
        await Task.CompletedTask;
    }

    // Under the lock: tally decisions, cut preempted zones, plan new streams, settle statuses,
    // store the whole step in one transaction, then create (not start) the new sessions.
    private List<StreamSession> Apply(BroadcastStep step, IReadOnlyList<ArbiterDecision> decisions, string broadcastId)
    {
        step.Decisions.AddRange(decisions);
        foreach (var d in decisions)
        {
            if (_active.TryGetValue(d.BroadcastId, out var state))
            {
                state.Count(d);
                if (d.Kind == DecisionKind.Preempted)
                {
                    state.Sessions.ForEach(s => s.RemoveZone(d.Zone, BroadcastEndReason.PreemptedBy(d.By)));
                }
            }
        }

        foreach (var start in decisions.Where(d => d.Kind.StartsPlayback()).GroupBy(d => (d.BroadcastId, d.Offset)))
        {
            var plan = Plan(_active[start.Key.BroadcastId], start.Select(d => d.Zone).ToList(), start.Key.Offset);
            step.NewStreams.Add((plan, _targets.For(plan.Zones)));
        }

        foreach (var id in decisions.Select(d => d.BroadcastId).Append(broadcastId).Distinct())
        {
            Settle(step, id);
        }

        _store.Apply(step);
        var sessions = step.NewStreams.Select(n => new StreamSession(_context, n.Plan, OnStreamEndedAsync)).ToList();
        sessions.ForEach(s =>
        {
            var owner = _active[s.Plan.BroadcastId];
            owner.Sessions.Add(s);
            _running.Add(s);
            _events.Add(LifecycleEvent.Started(owner.Record, s.Plan));
        });
        return sessions;
    }

    private void Settle(BroadcastStep step, string broadcastId)
    {
        if (!_active.TryGetValue(broadcastId, out var state))
        {
            return;
        }

        var (status, endReason) = state.Evaluate(_arbiter.Plays(broadcastId), _arbiter.Holds(broadcastId));
        if (status != state.Status || endReason is not null || step.NewBroadcast?.Id == broadcastId)
        {
            step.Statuses.Add((broadcastId, status, endReason));
        }

        state.Status = status;
        if (endReason is not null)
        {
            _events.Add(LifecycleEvent.Ended(state.Record, status));
            _active.Remove(broadcastId);
            if (state.Source is RelayAudioSource relay)
            {
                _relays?.Ended(broadcastId, relay);
            }
        }
    }

    private StreamPlan Plan(BroadcastState state, IReadOnlyList<string> zones, TimeSpan offset)
    {
        var record = state.Record;
        var archive = state.Archived ? null : new Archive.ArchiveEntry(record.Id, record.Title, record.Class, record.Zones, record.Operator);
        state.Archived = true;
        return new StreamPlan
        {
            StreamId = TakeFirstStreamId(state) ?? "b-" + RandomHex(8),
            BroadcastId = record.Id,
            Class = EnumWire.TryParse<BulletinClass>(record.Class, out var cls) ? cls.Value : BulletinClass.Normal,
            Zones = zones,
            FromFrame = state.Source.IsLive ? 0 : offset.Ticks / AudioSourceFormat.FrameDuration.Ticks,
            PlayoutStartUs = PlayoutStart(state),
            Source = state.Source,
            Volume = record.Volume,
            Archive = archive,
        };
    }

    /// <summary>
    /// A lead from now, or later when a scheduled airing asks for its first sound at its airtime:
    /// nodes that play it from their pre-cache start exactly then, and live ones must match them.
    /// The arbiter counts offsets reached from the same instant (<see cref="ArbiterClaim.PlayoutNotBefore"/>).
    /// </summary>
    private long PlayoutStart(BroadcastState state) => Math.Max(Clock.NowMicros + _context.LeadUs, PlayoutNotBefore(state) ?? 0);

    /// <summary>Hub-clock µs of the first frame that puts the first sample after the pre-skip at the requested first sound.</summary>
    private static long? PlayoutNotBefore(BroadcastState state) =>
        state.FirstSoundAtUs is { } at ? at - (state.Source.PreSkip * 1_000_000L / AudioSourceFormat.SampleRate) : null;

    private static string? TakeFirstStreamId(BroadcastState state)
    {
        var id = state.FirstStreamId;
        state.FirstStreamId = null;
        return id;
    }

    private void StartAll(List<StreamSession> sessions)
    {
        sessions.ForEach(s => s.Start());
        DeliverLifecycleEvents();
    }

    private void DeliverLifecycleEvents()
    {
        lock (_notifyGate)
        {
            // A hook that starts or stops a broadcast lands here again on its own thread: the
            // delivery under way picks its events up after the current batch, in order.
            if (_delivering)
            {
                return;
            }

            _delivering = true;
            try
            {
                while (true)
                {
                    List<LifecycleEvent> batch;
                    lock (_gate)
                    {
                        if (_events.Count == 0)
                        {
                            return;
                        }

                        batch = [.. _events];
                        _events.Clear();
                    }

                    _lifecycle.Notify(batch);
                }
            }
            finally
            {
                _delivering = false;
            }
        }
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
