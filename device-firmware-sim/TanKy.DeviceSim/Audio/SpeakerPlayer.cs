using TanKy.DeviceSim.Clock;
using TanKy.Protocol;
using TanKy.Protocol.Audio;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// A speaker's player: follows play orders (class arbitration and the epoch rule of protocol.md
/// §4.8/§8.1.4), accepts frames of the active stream into a jitter buffer (§8.1.3 rules 5–8) and
/// plays them at their play-out time on the node clock (scheduler in the other part of this class).
/// One lock guards all state: orders come from the node's inbound worker, frames too, and the
/// scheduler loop renders; each holds it for microseconds to a millisecond (one batch's decode).
/// Notices are queued under that lock as things happen and handed to the node in that order by
/// whichever thread comes next (<see cref="Dispatch"/>), never while holding it.
/// </summary>
internal sealed partial class SpeakerPlayer : IDisposable
{
    // Rule 8: a frame further ahead than this is bogus or a buffer-filling attack.
    private const long MaxAheadMicros = 10_000_000;
    private static readonly long IdleMicros = (long)AudioFrameFormat.StreamIdleTimeout.TotalMicroseconds;
    private static readonly long LinkHoldMicros = (long)AudioFrameFormat.LinkDownHold.TotalMicroseconds;

    private readonly string _deviceId;
    private readonly HubClockView _view;
    private readonly IReadOnlyCollection<string> _codecs;
    private readonly AudioSinkFactory _sinks;
    private readonly Func<long, bool>? _loseFrame;
    private readonly AudioCounters _counters;
    private readonly Action<PlaybackNotice> _notify;
    private readonly OpusFrameDecoder _decoder = new();
    private readonly Lock _gate = new();
    private readonly Queue<PlaybackNotice> _unsent = new();
    private readonly Lock _dispatchGate = new();
    private ActiveStream? _active;
    private uint? _lastEpoch;

    public SpeakerPlayer(
        string deviceId, HubClockView view, IReadOnlyCollection<string> codecs, AudioSinkFactory sinks,
        Func<long, bool>? loseFrame, AudioCounters counters, Action<PlaybackNotice> notify)
    {
        (_deviceId, _view, _codecs, _sinks, _loseFrame, _counters, _notify) = (deviceId, view, codecs, sinks, loseFrame, counters, notify);
        HotPathWarmUp.Start();
    }

    /// <summary>Frame loss as a fault: each frame is lost with <paramref name="percent"/> % probability (null for none).</summary>
    public static Func<long, bool>? RandomLoss(double percent) =>
        percent > 0 ? _ => Random.Shared.NextDouble() * 100 < percent : null;

    /// <summary>
    /// A fault: the output starts this long after the first frame is handed to it (a slow DAC
    /// path), measured into the start as a real node would measure it.
    /// </summary>
    public long StartDelayMicros { get; init; }

    /// <summary>The stream being followed, if any.</summary>
    public string? ActiveStreamId
    {
        get
        {
            lock (_gate)
            {
                return _active?.Id;
            }
        }
    }

    /// <summary>
    /// The epoch the frames of <paramref name="streamId"/> must carry while it is the active stream
    /// (its play order's, else its first frame's), or null when it is not active or none is fixed yet.
    /// </summary>
    public uint? EpochOf(string streamId)
    {
        lock (_gate)
        {
            return _active is { } s && s.Id == streamId ? s.ExpectedEpoch : null;
        }
    }

    /// <summary>
    /// The first slot of <paramref name="streamId"/> not decided yet (a frame for an earlier one
    /// comes too late), or null when it is not the active stream or has no frame yet.
    /// </summary>
    public long? DecidedUpTo(string streamId)
    {
        lock (_gate)
        {
            return _active is { HasFrames: true } s && s.Id == streamId ? s.DecidedUpTo : null;
        }
    }

    /// <summary>A <c>play</c> or <c>stop</c> order from one of the node's zones.</summary>
    public void OnOrder(PlayOrderMessage order)
    {
        var notices = new List<PlaybackNotice>();
        lock (_gate)
        {
            if (order.Op == "stop")
            {
                if (_active is { } playing && playing.Id == order.Stream)
                {
                    Release(playing, PlaybackEndReason.Stop, notices);
                }
            }
            else if (Accept(order, notices) is { } accepted)
            {
                // Until a frame arrives the only wake is the idle deadline.
                ScheduleWake(accepted, accepted.IdleDeadlineLocal);
            }

            Post(notices);
        }

        Dispatch();
    }

    /// <summary>A binary message from <c>stream/{topicStream}</c>.</summary>
    public void OnFrames(string topicStream, byte[] payload)
    {
        if (!AudioFrameMessage.TryParse(payload, out var message, out _))
        {
            _counters.Malformed();
            return;
        }

        lock (_gate)
        {
            if (_active is not { } s || s.Id != topicStream || message.StreamHash != s.Hash)
            {
                _counters.Foreign(message.FrameCount);
                return;
            }

            if (s.ExpectedEpoch is { } epoch && message.Epoch != epoch)
            {
                _counters.WrongEpoch(message.FrameCount);
                return;
            }

            if (s.FrameSamples != 0 && message.FrameSamples != s.FrameSamples)
            {
                _counters.Malformed();
                return;
            }

            s.StreamEpoch ??= message.Epoch;
            var now = _view.Clock.NowMicros;

            // Idle is counted from this arrival, or from the end of its frames when they play later
            // (a lead above 1 s): a node never releases a stream with frames still to play (§8.2.6).
            // A message only ever pushes the release later: a stale one (a replay, a retransmission)
            // must not bring it forward, nor may one the inbound worker hands over after the link
            // went down cut the link-down hold short (OnLinkDown).
            var endLocal = _view.TryToLocal(message.PlayoutMicrosOf(message.FrameCount), out var l, out _) ? l : now;
            s.ReceivedUntilLocal = Math.Max(s.ReceivedUntilLocal, endLocal);
            s.IdleDeadlineLocal = Math.Max(s.IdleDeadlineLocal, Math.Max(now, endLocal) + IdleMicros);
            if (message.IsEndOfStream)
            {
                s.EndSeq = message.SequenceOf(message.FrameCount - 1);
            }

            var waiting = !s.HasFrames;
            for (var i = 0; i < message.FrameCount; i++)
            {
                AcceptFrame(s, message, i, now);
            }

            if (waiting && s.HasFrames)
            {
                BeginPlayout(s);
            }
        }
    }

    /// <summary>
    /// The node's own link went down. The idle timeout (§8.2.6 c) exists to release a stream whose
    /// source went quiet; while the node cannot hear anything at all, silence says nothing about
    /// the source. So the stream is held (its slots concealed) for up to <see cref="AudioFrameFormat.LinkDownHold"/>.
    /// </summary>
    public void OnLinkDown()
    {
        lock (_gate)
        {
            if (_active is { Released: false } s)
            {
                s.IdleDeadlineLocal = Math.Max(s.IdleDeadlineLocal, _view.Clock.NowMicros + LinkHoldMicros);
            }
        }
    }

    /// <summary>The link is back: the held stream gets the usual idle timeout, counted from now (or from the end of frames still to play).</summary>
    public void OnLinkUp()
    {
        lock (_gate)
        {
            if (_active is { Released: false } s)
            {
                s.IdleDeadlineLocal = Math.Max(_view.Clock.NowMicros, s.ReceivedUntilLocal) + IdleMicros;
                if (!s.HasFrames)
                {
                    // Its one wake is at the hold's end; a playing stream wakes every batch and sees the new deadline.
                    ScheduleWake(s, s.IdleDeadlineLocal);
                }
            }
        }
    }

    /// <summary>Power off or reboot: the stream stops without events (RAM is gone), nothing is queued.</summary>
    public void PowerOff()
    {
        lock (_gate)
        {
            if (_active is { } s)
            {
                // Its pending wake finds it released and does nothing.
                s.Released = true;
                s.Sink?.Dispose();
                _active = null;
            }
        }
    }

    public void Dispose() => PowerOff();

    private ActiveStream? Accept(PlayOrderMessage order, List<PlaybackNotice> notices)
    {
        var codec = order.Codec ?? "opus";
        var playbackClass = ParseClass(order.Class);
        var epoch = order.Epoch is { } e ? (uint)e : (uint?)null;
        var silent =
            _active?.Id == order.Stream                                     // a repeated play
            || (epoch is { } ep && _lastEpoch is { } last && ep < last);    // a replayed older order
        var refusal =
            silent ? null
            : !_codecs.Contains(codec) ? PlaybackEventTypes.RefusedCodec    // cannot decode it
            : _active is { } a && (playbackClass < a.Class || (playbackClass == a.Class && playbackClass != PlaybackClass.Emergency))
                ? PlaybackEventTypes.RefusedClass                           // the stream playing keeps the speaker
                : null;
        if (silent || refusal is not null)
        {
            _counters.OrderIgnored();
            if (refusal is not null)
            {
                // §4.8: say why this speaker stays silent, so the delivery report can tell.
                var stats = new PlaybackStats { StreamId = order.Stream, Class = playbackClass, Epoch = epoch };
                notices.Add(new PlaybackNotice(PlaybackNoticeKind.Refused, stats, Refusal: refusal, Codec: refusal == PlaybackEventTypes.RefusedCodec ? codec : null));
            }

            return null;
        }

        if (_active is { } cut)
        {
            // Higher class, or a later emergency: the latest wins so a stuck microphone cannot block.
            _counters.StreamPreempted();
            notices.Add(new PlaybackNotice(PlaybackNoticeKind.Preempted, cut.Snapshot(null), order.Stream));
            Release(cut, PlaybackEndReason.Preempted, notices);
        }

        var now = _view.Clock.NowMicros;
        var idleFrom = now;
        if (order.Start is { } start && _view.TryToLocal(start, out var localStart, out _) && localStart > now)
        {
            // Frames come a lead before the first play-out: don't time out a stream announced early.
            idleFrom = localStart;
        }

        _lastEpoch = epoch ?? _lastEpoch;
        _counters.OrderAccepted();
        return _active = new ActiveStream(order.Stream, StreamIdHash.Compute(order.Stream), playbackClass, epoch, idleFrom + IdleMicros)
        {
            ReceivedUntilLocal = idleFrom,
        };
    }

    private void AcceptFrame(ActiveStream s, AudioFrameMessage message, int index, long now)
    {
        long seq = message.SequenceOf(index);
        if (_loseFrame?.Invoke(seq) == true)
        {
            _counters.LossInjected();
            return;
        }

        var playout = message.PlayoutMicrosOf(index);
        if (!_view.TryToLocal(playout, out var local, out _))
        {
            _counters.NoClock();
            return;
        }

        if ((s.HasFrames && seq < s.DecidedUpTo) || local < now)
        {
            // Its slot is past: playing it now would echo against the neighbours.
            s.Late++;
            _counters.Late();
            return;
        }

        if (seq <= s.HighestAccepted)
        {
            _counters.Duplicate();
            return;
        }

        if (local - now > MaxAheadMicros)
        {
            _counters.OutOfWindow();
            return;
        }

        s.Buffer[seq] = message.Packets[index];
        s.HighestAccepted = seq;
        if (!s.HasFrames)
        {
            (s.FirstSeq, s.NextSeq, s.FirstPlayoutHub) = (seq, seq, playout);
            (s.FrameSamples, s.FrameMicros) = (message.FrameSamples, message.FrameDurationMicros);
        }
    }

    /// <summary>Releases <paramref name="s"/> (under the lock) and queues its finished notice.</summary>
    private void Release(ActiveStream s, PlaybackEndReason reason, List<PlaybackNotice> notices)
    {
        if (s.Released)
        {
            return;
        }

        s.Released = true;
        s.Sink?.Dispose();
        s.Buffer.Clear();
        if (ReferenceEquals(_active, s))
        {
            _active = null;
        }

        _counters.StreamFinished();
        notices.Add(new PlaybackNotice(PlaybackNoticeKind.Finished, s.Snapshot(reason)));
    }

    /// <summary>Queues <paramref name="notices"/> for <see cref="Dispatch"/>; under the lock, so the queue is in the order things happened.</summary>
    private void Post(List<PlaybackNotice> notices)
    {
        foreach (var notice in notices)
        {
            _unsent.Enqueue(notice);
        }
    }

    /// <summary>
    /// Hands every queued notice to the node, oldest first, one caller at a time. A wake's notices
    /// go out on the thread pool (on the real clock) while an order's go out on the inbound worker:
    /// each handing over its own list, a stream's <c>started</c> still waiting for a busy thread pool
    /// was overtaken by the <c>finished</c> of a stop or a preemption handled meanwhile.
    /// </summary>
    private void Dispatch()
    {
        lock (_dispatchGate)
        {
            while (true)
            {
                PlaybackNotice? next;
                lock (_gate)
                {
                    if (!_unsent.TryDequeue(out next))
                    {
                        return;
                    }
                }

                _notify(next);
            }
        }
    }

    private static PlaybackClass ParseClass(string? wire) => wire switch
    {
        "emergency" => PlaybackClass.Emergency,
        "priority" => PlaybackClass.Priority,
        _ => PlaybackClass.Normal,
    };
}
