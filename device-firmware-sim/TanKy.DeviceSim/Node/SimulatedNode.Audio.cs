using MQTTnet.Protocol;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Clock;
using TanKy.Protocol;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// The speaker side of audio: the node's own clock, clock sync with the hub, the player, and the
/// outbox that keeps playback events through link losses. Wired into the session (sync loop,
/// outbox kick after each connect) and the inbound worker (time replies, play orders, frames).
/// </summary>
public sealed partial class SimulatedNode
{
    private const int RememberedPlaybacks = 64;
    private static readonly string[] DecodableCodecs = ["opus"];

    private HubClockView _hubClock = null!;
    private ClockSyncClient? _clockSync;
    private SpeakerPlayer? _player;
    private Cache.NodeCache? _cache;
    private EventOutbox _outbox = null!;
    private readonly Lock _playbackGate = new();
    private readonly Dictionary<string, PlaybackStats> _playbacks = [];
    private readonly Queue<string> _playbackOrder = new();
    private PlaybackStats? _lastPlayback;

    /// <summary>The node's own clock now (Unix µs): <see cref="NodeOptions.Time"/> + offset (+ drift).</summary>
    public long ClockNowMicros => _hubClock.Clock.NowMicros;

    /// <summary>Estimated hub clock minus node clock (µs); null before the first exchange.</summary>
    public long? ClockOffsetEstimate => _hubClock.OffsetMicros;

    /// <summary>True once the estimator has enough samples (64) to place frames (protocol.md §8.2.3).</summary>
    public bool IsClockSynchronised => _hubClock.IsSynchronised;

    /// <summary>Clock samples in the estimator's window.</summary>
    public int ClockSamples => _hubClock.SampleCount;

    public long ClockRequestsSent => _clockSync?.RequestsSent ?? 0;

    /// <summary>Per-node audio counters (frames played, concealed, late…), over the node's life.</summary>
    public AudioCounters AudioCounters { get; } = new();

    /// <summary>The stream the speaker follows now, if any.</summary>
    public string? ActiveStreamId => _player?.ActiveStreamId;

    /// <summary>Stats of the stream that started or ended last.</summary>
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

    /// <summary>Playback events not yet published (link down).</summary>
    public int PendingEvents => _outbox.Pending;

    /// <summary>Stats of <paramref name="streamId"/> as last reported (started or finished), or null.</summary>
    public PlaybackStats? PlaybackOf(string streamId)
    {
        lock (_playbackGate)
        {
            return _playbacks.GetValueOrDefault(streamId);
        }
    }

    private void InitAudio()
    {
        _hubClock = new HubClockView(new NodeClock(Options.Time, Options.ClockOffset, Options.ClockDriftPpm));
        _outbox = new EventOutbox(payload => PublishAsync(_topics.Event(DeviceId), payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: false, _lifetime.Token));
        if (Options.Kind != DeviceKind.Speaker)
        {
            return;
        }

        if (Options.ClockSync is { } schedule)
        {
            _clockSync = new ClockSyncClient(_hubClock, schedule, SendTimeRequestAsync);
        }

        var codecs = KindProfile.Caps(Options.Kind).Intersect(DecodableCodecs).ToArray();
        _player = new SpeakerPlayer(DeviceId, _hubClock, codecs, Options.ResolveAudioSink(), SpeakerPlayer.RandomLoss(Options.Faults.AudioLossPercent), AudioCounters, OnPlaybackNotice);
        _cache = new Cache.NodeCache(DeviceId, Options.Secret, _hubClock, Options.Time, _player, OnCacheChanged);
    }

    /// <summary>Runs for one connected session: queued events go out, then the clock sync schedule.</summary>
    private Task RunAudioSessionAsync(CancellationToken session)
    {
        _player?.OnLinkUp();
        _outbox.Kick();
        return _clockSync?.RunAsync(session) ?? Task.CompletedTask;
    }

    /// <summary>The link dropped under a live session (not a stop): a playing stream is held, not released.</summary>
    private void OnLinkLost() => _player?.OnLinkDown();

    /// <summary>Power cut or reboot: audio, queued events and clock samples lived in RAM.</summary>
    private void PowerOffAudio(bool resetClock)
    {
        _player?.PowerOff();
        _outbox.Clear();
        if (resetClock)
        {
            _hubClock.Reset();
        }
    }

    private void OnTimeReply(TimeReplyMessage reply)
    {
        var t4 = _hubClock.Clock.NowMicros;
        if (_clockSync?.OnReply(reply.T1, reply.T2, reply.T3, t4) == true)
        {
            Raise(NodeActivityKind.ClockSynchronised, detail: $"offset {_hubClock.OffsetMicros} µs");
        }
    }

    private void OnPlayOrder(string zone, PlayOrderMessage order)
    {
        // The broker only sends the zones we subscribed to; a firmware checks anyway.
        if (Options.Zones.Contains(zone))
        {
            _player?.OnOrder(order);
        }
    }

    private void OnCacheChanged()
    {
        try
        {
            _ = PublishReportedAsync(_lifetime.Token);
        }
        catch (ObjectDisposedException)
        {
            // The node is gone: nothing to report to.
        }
    }

    private void OnAudio(string streamId, byte[] payload)
    {
        // An airing already playing from the cache ignores the live frames of the same stream (protocol.md §4.11 rule 4).
        if (_cache?.PlaysFromCache(streamId) != true)
        {
            _player?.OnFrames(streamId, payload);
        }
    }

    private Task<bool> SendTimeRequestAsync(long t1, CancellationToken ct) =>
        PublishAsync(
            _topics.TimeRequest(DeviceId),
            ProtocolJson.Serialize(new TimeRequestMessage { V = ProtocolConstants.Version, T1 = t1 }),
            MqttQualityOfServiceLevel.AtMostOnce,
            retain: false,
            ct);

    private void OnPlaybackNotice(PlaybackNotice notice)
    {
        var message = PlaybackEvents.For(notice, _hubClock.HubNowMicros / 1000);
        _outbox.Enqueue(ProtocolJson.Serialize(message));
        var kind = notice.Kind switch
        {
            PlaybackNoticeKind.Started => NodeActivityKind.PlaybackStarted,
            PlaybackNoticeKind.Preempted => NodeActivityKind.PlaybackPreempted,
            _ => NodeActivityKind.PlaybackFinished,
        };
        Raise(kind, detail: notice.Stats.StreamId, stateChange: () => Remember(notice.Stats));
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
