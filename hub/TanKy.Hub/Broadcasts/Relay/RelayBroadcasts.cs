using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// The relays the hub airs: makes a relay broadcast's source (feed factory, options, clock), knows
/// each relay by its broadcast id while it runs and for the last <see cref="RelayOptions.KeepEnded"/>
/// after it ended (status and counts for the console, the API and the broadcast record), and closes
/// the feed when the broadcast ends. Without a feed factory (a host without relay support)
/// <see cref="Available"/> is false and relay requests are refused.
/// </summary>
internal sealed class RelayBroadcasts(
    IEnumerable<IPcmFeedFactory> feedFactories, IOptions<RelayOptions> options, TimeProvider time, RelayTotals totals, ILogger<RelayBroadcasts> log)
    : IRelayAirings
{
    private readonly IPcmFeedFactory? _feeds = feedFactories.LastOrDefault();

    private readonly object _gate = new();
    private readonly Dictionary<string, RelayAudioSource> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RelayAudioSource> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    public RelayOptions Options => options.Value;

    public bool Available => _feeds is not null;

    public RelayAudioSource Create(RelaySource source, RelayContent content, MediaPackets? fallback) =>
        new(source, content, HubText.Default.Format("relayair.title", "vi", source.Name), _feeds ?? throw new InvalidOperationException("no PCM feed factory is registered"), fallback, options.Value, time, totals, log);

    /// <summary>The broadcast was accepted (under the broadcast service's lock).</summary>
    public void Track(string broadcastId, RelayAudioSource relay)
    {
        lock (_gate)
        {
            _running[broadcastId] = relay;
        }
    }

    /// <summary>The broadcast ended (under the broadcast service's lock): its counts stay readable, its feed closes.</summary>
    public void Ended(string broadcastId, RelayAudioSource relay)
    {
        lock (_gate)
        {
            _running.Remove(broadcastId);
            _ended[broadcastId] = relay;
            _endedOrder.Enqueue(broadcastId);
            while (_endedOrder.Count > Math.Max(0, options.Value.KeepEnded))
            {
                _ended.Remove(_endedOrder.Dequeue());
            }
        }

        _ = CloseAsync(broadcastId, relay);
    }

    /// <summary>The relay of a broadcast and whether it still runs; null when the broadcast is no relay (or ended long ago).</summary>
    public (RelayAudioSource Relay, bool Running)? Find(string broadcastId)
    {
        lock (_gate)
        {
            return _running.TryGetValue(broadcastId, out var r) ? (r, true)
                : _ended.TryGetValue(broadcastId, out var e) ? (e, false)
                : null;
        }
    }

    public RelayStatusDto? Status(string broadcastId) => Find(broadcastId) is { } r ? RelayStatusDto.Of(broadcastId, r.Relay, r.Running) : null;

    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    private async Task CloseAsync(string broadcastId, RelayAudioSource relay)
    {
        try
        {
            await Task.Yield();
            await relay.DisposeAsync();
            var c = relay.Counters.Snapshot();
            log.LogInformation("Relay {BroadcastId} of {Source} closed: {Relayed:0} s relayed, {Dropouts} dropouts, {Switches} fallback switches",
                broadcastId, relay.SourceId, c.RelayedSeconds, c.Dropouts, c.FallbackSwitches);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Relay {BroadcastId}: closing the feed of {Source} failed", broadcastId, relay.SourceId);
        }
    }
}

/// <summary>
/// What other features may ask about relays on the air (the programme's history records the
/// minutes actually relayed): a relay broadcast's status and counts, while the hub remembers it.
/// </summary>
public interface IRelayAirings
{
    /// <summary>Null when the broadcast is no relay, or ended before the last <see cref="RelayOptions.KeepEnded"/>.</summary>
    RelayStatusDto? Status(string broadcastId);
}
