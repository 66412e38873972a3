using System.Collections.Concurrent;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Schedules.Relays;

namespace TanKy.Hub.Tests.Schedules.Relays;

/// <summary>A fixed sources registry: VOV1 and the provincial station.</summary>
internal sealed class FakeRelaySources : IRelaySources
{
    public static readonly RelaySource Vov1 = new("vov1", "VOV1 – Thời sự", ["http://127.0.0.1:9/vov1.mp3"], DateTimeOffset.UnixEpoch);
    public static readonly RelaySource NgheAn = new("nghe-an", "Đài PT-TH Nghệ An", ["http://127.0.0.1:9/na.mp3"], DateTimeOffset.UnixEpoch);

    public RelaySource? Find(string id) => List().FirstOrDefault(s => s.Id == id);

    public IReadOnlyList<RelaySource> List() => [Vov1, NgheAn];
}

/// <summary>
/// Feeds that answer at once (no pacing): a 440 Hz tone at −20 dBFS, or a dead source that only
/// yields gaps, or a tone that stops after <see cref="AudioFrames"/> frames.
/// </summary>
internal sealed class ToneFeeds(bool alive = true) : IPcmFeedFactory
{
    public int? AudioFrames { get; init; }

    public int Opened { get; private set; }

    public IPcmFeed Open(RelaySource source)
    {
        Opened++;
        return new Feed(alive, AudioFrames);
    }

    private sealed class Feed(bool alive, int? audioFrames) : IPcmFeed
    {
        private long _sample;
        private int _frames;

        public PcmFeedStatusReport Status => new(alive ? "http://127.0.0.1:9/vov1.mp3" : null, alive, 0, alive ? -20 : null);

        public ValueTask<PcmFeedStatus> ReadFrameAsync(Memory<float> frame, CancellationToken cancellationToken)
        {
            var span = frame.Span;
            if (!alive || (audioFrames is { } max && _frames >= max))
            {
                span.Clear();
                return ValueTask.FromResult(PcmFeedStatus.Gap);
            }

            _frames++;
            for (var i = 0; i < span.Length; i++, _sample++)
            {
                span[i] = 0.1f * MathF.Sin(2 * MathF.PI * 440 * _sample / 48000f);
            }

            return ValueTask.FromResult(PcmFeedStatus.Audio);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A probe that answers what the test says, and counts the sources it was asked about.</summary>
internal sealed class FakeProbe(bool reachable) : ISourceProbe
{
    public ConcurrentQueue<string> Asked { get; } = new();

    public Task<bool> IsReachableAsync(RelaySource source, CancellationToken cancellationToken)
    {
        Asked.Enqueue(source.Id);
        return Task.FromResult(reachable);
    }
}

/// <summary>
/// An <see cref="IBroadcastService"/> that records requests and lets the test write the arbiter's
/// decisions and what each zone plays, so a relay's preemption can be staged exactly.
/// </summary>
internal sealed class StagedBroadcasts : IBroadcastService
{
    private readonly ConcurrentDictionary<string, List<ArbiterDecision>> _decisions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _playing = new(StringComparer.Ordinal);
    private int _next;

    public ConcurrentQueue<BroadcastRequest> Requests { get; } = new();

    public Task<BroadcastTicket> PlayAsync(BroadcastRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        var id = "bc-" + Interlocked.Increment(ref _next);
        return Task.FromResult(new BroadcastTicket(id, request.StreamId ?? "s-" + id, BroadcastStatus.Playing));
    }

    /// <summary>Adds a decision of <paramref name="broadcastId"/> in <paramref name="zone"/> at content offset <paramref name="offset"/>.</summary>
    public void Decide(string broadcastId, string zone, DecisionKind kind, TimeSpan offset, string? by = null) =>
        _decisions.GetOrAdd(broadcastId, _ => []).Add(new ArbiterDecision(kind, broadcastId, zone, DateTimeOffset.UnixEpoch, offset, by));

    /// <summary>What plays in the zone now (null: nothing).</summary>
    public void Plays(string zone, string? broadcastId)
    {
        if (broadcastId is null)
        {
            _playing.TryRemove(zone, out _);
        }
        else
        {
            _playing[zone] = broadcastId;
        }
    }

    public IReadOnlyList<ArbiterDecision> Decisions(string broadcastId) => _decisions.TryGetValue(broadcastId, out var d) ? [.. d] : [];

    public ZoneView InspectZone(string zone) => new(zone, _playing.GetValueOrDefault(zone), []);

    public Task<StopResult> StopAsync(string broadcastId, string stoppedBy, CancellationToken cancellationToken = default) => Task.FromResult(StopResult.NotFound);

    public BroadcastRecord? Get(string broadcastId) => null;

    public IReadOnlyList<BroadcastRecord> List(int limit, IReadOnlyList<string>? zones = null) => [];

    public DeliveryReport GetDeliveryReport(string broadcastId) => throw new NotSupportedException();
}
