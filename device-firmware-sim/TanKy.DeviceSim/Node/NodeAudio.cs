using MQTTnet.Protocol;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Cache;
using TanKy.DeviceSim.Clock;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// The speaker side of a node: its own clock, clock sync with the hub, the player, the programme
/// cache, and the outbox that keeps playback events through link losses. Every kind has the clock
/// and the outbox; only speakers have the rest.
/// </summary>
internal sealed class NodeAudio : IDisposable
{
    private const int RememberedPlaybacks = 64;
    private static readonly string[] DecodableCodecs = ["opus"];

    private readonly NodeContext _node;
    private readonly NodeLink _link;
    private readonly NodeZones _zones;
    private readonly HubClockView _hubClock;
    private readonly ClockSyncClient? _clockSync;
    private readonly SpeakerPlayer? _player;
    private readonly EventOutbox _outbox;
    private readonly Lock _playbackGate = new();
    private readonly Dictionary<string, PlaybackStats> _playbacks = [];
    private readonly Queue<string> _playbackOrder = new();
    private PlaybackStats? _lastPlayback;

    /// <param name="cacheChanged">A clip's cache state changed (reported follows).</param>
    public NodeAudio(NodeContext node, NodeLink link, NodeZones zones, Action cacheChanged)
    {
        (_node, _link, _zones) = (node, link, zones);
        var options = node.Options;
        _hubClock = new HubClockView(new NodeClock(options.Time, options.ClockOffset, options.ClockDriftPpm));
        _outbox = new EventOutbox(payload => _link.PublishAsync(node.Topics.Event(node.DeviceId), payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, node.Lifetime.Token));
        if (options.Kind != DeviceKind.Speaker)
        {
            return;
        }

        if (options.ClockSync is { } schedule)
        {
            _clockSync = new ClockSyncClient(_hubClock, schedule, SendTimeRequestAsync);
        }

        var codecs = KindProfile.Caps(options.Kind).Intersect(DecodableCodecs).ToArray();
        _player = new SpeakerPlayer(node.DeviceId, _hubClock, codecs, options.ResolveAudioSink(), SpeakerPlayer.RandomLoss(options.Faults.AudioLossPercent), Counters, OnPlaybackNotice)
        {
            StartDelayMicros = options.Faults.ConformanceFault == ConformanceFault.StartsLate ? 50_000 : 0,
        };
        Cache = new NodeCache(node.DeviceId, options.Secret, _hubClock, options.Time, _player, cacheChanged)
        {
            SkipsChecksum = options.Faults.ConformanceFault == ConformanceFault.AcceptsWrongChecksum,
        };
    }

    /// <summary>A speaker's programme cache; null for other kinds.</summary>
    public NodeCache? Cache { get; }

    public NodeClock Clock => _hubClock.Clock;

    public long? ClockOffsetEstimate => _hubClock.OffsetMicros;

    public bool IsClockSynchronised => _hubClock.IsSynchronised;

    public int ClockSamples => _hubClock.SampleCount;

    public long ClockRequestsSent => _clockSync?.RequestsSent ?? 0;

    public AudioCounters Counters { get; } = new();

    public string? ActiveStreamId => _player?.ActiveStreamId;

    public PlaybackStats? LastPlayback
    {
        get
        {
            lock (_playbackGate)
            {
                return _lastPlayback;
            }
        }
    }

    public int PendingEvents => _outbox.Pending;

    public PlaybackStats? PlaybackOf(string streamId)
    {
        lock (_playbackGate)
        {
            return _playbacks.GetValueOrDefault(streamId);
        }
    }

    /// <summary>Runs for one connected session: queued events go out, then the clock sync schedule.</summary>
    public Task RunSessionAsync(CancellationToken session)
    {
        _player?.OnLinkUp();
        _outbox.Kick();
        return _clockSync?.RunAsync(session) ?? Task.CompletedTask;
    }

    /// <summary>The link dropped under a live session (not a stop): a playing stream is held, not released.</summary>
    public void OnLinkLost() => _player?.OnLinkDown();

    /// <summary>Power cut or reboot: audio, queued events and clock samples lived in RAM.</summary>
    public void PowerOff(bool resetClock)
    {
        _player?.PowerOff();
        _outbox.Clear();
        if (resetClock)
        {
            _hubClock.Reset();
        }
    }

    public void OnTimeReply(TimeReplyMessage reply)
    {
        var t4 = _hubClock.Clock.NowMicros;
        if (_clockSync?.OnReply(reply.T1, reply.T2, reply.T3, t4) == true)
        {
            _node.Raise(NodeActivityKind.ClockSynchronised, detail: $"offset {_hubClock.OffsetMicros} µs");
        }
    }

    public void OnPlayOrder(string zone, PlayOrderMessage order)
    {
        // The broker only sends the zones we subscribed to; a firmware checks anyway, against its applied desired zones.
        if (_zones.Follows(zone))
        {
            _player?.OnOrder(order);
        }
    }

    public void OnFrames(string streamId, byte[] payload)
    {
        // An airing already playing from the cache ignores the live frames of the same stream (protocol.md §4.11 rule 4).
        if (Cache?.PlaysFromCache(streamId) != true)
        {
            _player?.OnFrames(streamId, payload);
        }
    }

    public void Dispose() => Cache?.Dispose();

    private Task<bool> SendTimeRequestAsync(long t1, CancellationToken ct) =>
        _link.PublishAsync(
            _node.Topics.TimeRequest(_node.DeviceId),
            ProtocolJson.Serialize(new TimeRequestMessage { V = ProtocolConstants.Version, T1 = t1 }),
            MqttQualityOfServiceLevel.AtMostOnce,
            retain: false,
            ct);

    private void OnPlaybackNotice(PlaybackNotice notice)
    {
        var message = PlaybackEvents.For(notice, _hubClock.HubNowMicros / 1000);
        _outbox.Enqueue(ProtocolJson.Serialize(message));
        if (notice.Kind == PlaybackNoticeKind.Refused)
        {
            // Nothing played: the stats of the stream playing (if any) stay the last playback.
            _node.Raise(NodeActivityKind.PlaybackRefused, detail: $"{notice.Stats.StreamId} {notice.Refusal}");
            return;
        }

        var kind = notice.Kind switch
        {
            PlaybackNoticeKind.Started => NodeActivityKind.PlaybackStarted,
            PlaybackNoticeKind.Preempted => NodeActivityKind.PlaybackPreempted,
            _ => NodeActivityKind.PlaybackFinished,
        };
        Remember(notice.Stats);
        _node.Raise(kind, detail: notice.Stats.StreamId);
    }

    private void Remember(PlaybackStats stats)
    {
        lock (_playbackGate)
        {
            if (_playbacks.TryAdd(stats.StreamId, stats))
            {
                _playbackOrder.Enqueue(stats.StreamId);
                if (_playbackOrder.Count > RememberedPlaybacks)
                {
                    _playbacks.Remove(_playbackOrder.Dequeue());
                }
            }
            else
            {
                _playbacks[stats.StreamId] = stats;
            }

            _lastPlayback = stats;
        }
    }
}
