namespace TanKy.DeviceSim.Audio;

/// <summary>
/// The scheduler: one async loop per active stream, waking once per batch of frames (100 ms, the
/// five frames of a default message) at the play-out time of the batch's first frame. At each
/// wake it decodes the batch and hands it to the sink at its play-out positions — the first frame
/// "now", the rest queued like a DAC's DMA buffer. 1000 nodes playing cost ~10 000 timer wake-ups
/// a second, not 50 000, and no thread each.
/// </summary>
internal sealed partial class SpeakerPlayer
{
    private const long BatchMicros = 100_000;

    private async Task RunAsync(ActiveStream s, CancellationToken power)
    {
        try
        {
            if (!await WaitForFirstFrameAsync(s, power))
            {
                return;
            }

            while (true)
            {
                long wakeLocal;
                lock (_gate)
                {
                    if (s.Released)
                    {
                        return;
                    }

                    wakeLocal = Math.Min(NextSlotLocal(s), s.IdleDeadlineLocal);
                }

                await DelayUntilAsync(wakeLocal, power);
                var notices = new List<PlaybackNotice>();
                lock (_gate)
                {
                    if (!s.Released)
                    {
                        Step(s, notices);
                    }
                }

                Dispatch(notices);
            }
        }
        catch (OperationCanceledException)
        {
            // Powered off: PowerOff already let the stream go.
        }
    }

    /// <summary>Waits for the first accepted frame; false when the stream ended first.</summary>
    private async Task<bool> WaitForFirstFrameAsync(ActiveStream s, CancellationToken power)
    {
        while (true)
        {
            long deadline;
            var notices = new List<PlaybackNotice>();
            lock (_gate)
            {
                if (s.Released || s.HasFrames)
                {
                    return s.HasFrames && !s.Released;
                }

                deadline = s.IdleDeadlineLocal;
                if (_view.Clock.NowMicros >= deadline)
                {
                    Release(s, PlaybackEndReason.Timeout, notices);
                }
            }

            if (notices.Count > 0)
            {
                Dispatch(notices);
                return false;
            }

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(power);
            var timer = Task.Delay(_view.Clock.ProviderDelayFor(deadline - _view.Clock.NowMicros + 1000), _view.Clock.Time, stopWaiting.Token);
            await Task.WhenAny(s.FirstFrame.Task, timer);
            await stopWaiting.CancelAsync();
            power.ThrowIfCancellationRequested();
        }
    }

    /// <summary>One wake: release on end or idle timeout, else render the batch that is due.</summary>
    private void Step(ActiveStream s, List<PlaybackNotice> notices)
    {
        var now = _view.Clock.NowMicros;
        if (s.EndSeq is { } end && s.NextSeq > end)
        {
            Release(s, PlaybackEndReason.End, notices);
        }
        else if (now >= s.IdleDeadlineLocal)
        {
            Release(s, PlaybackEndReason.Timeout, notices);
        }
        else
        {
            RenderBatch(s, now, notices);
        }
    }

    private void RenderBatch(ActiveStream s, long now, List<PlaybackNotice> notices)
    {
        var batchEnd = s.PlayoutHubOf(s.NextSeq) + BatchMicros;
        while (s.PlayoutHubOf(s.NextSeq) < batchEnd && !(s.EndSeq is { } end && s.NextSeq > end))
        {
            var seq = s.NextSeq;
            _view.TryToLocal(s.PlayoutHubOf(seq), out var slot, out var synchronised);
            var have = s.Buffer.Remove(seq, out var packet);
            var knownLost = s.HighestAccepted > seq || s.EndSeq is not null;
            if (!have && !knownLost && slot > now)
            {
                // Nothing after it has arrived yet: it may still come. Decide at its own slot.
                return;
            }

            s.NextSeq++;
            if (slot + s.FrameMicros <= now)
            {
                // The loop itself woke too late for this slot (a stall): skip, never play late.
                s.Late++;
                _counters.Late();
                continue;
            }

            // An empty packet is a slot the hub itself had no packet for: same as a lost one.
            RenderFrame(s, seq, have && !packet.IsEmpty ? packet : null, synchronised, notices);
        }
    }

    private void RenderFrame(ActiveStream s, long seq, ReadOnlyMemory<byte>? packet, bool synchronised, List<PlaybackNotice> notices)
    {
        s.Sink ??= _sinks(_deviceId, s.Id);
        if (s.Start is null)
        {
            _decoder.Reset();
        }

        ReadOnlySpan<short> pcm = default;
        var decode = s.Sink.WantsPcm;
        if (packet is { } own)
        {
            var ok = !decode || _decoder.TryDecode(own, s.FrameSamples, out pcm);
            Count(s, ok ? FrameFill.Own : FrameFill.Concealed);
        }
        else if (s.Buffer.TryGetValue(seq + 1, out var next) && !next.IsEmpty)
        {
            var ok = !decode || _decoder.TryRecover(next, s.FrameSamples, out pcm);
            Count(s, ok ? FrameFill.Fec : FrameFill.Concealed);
        }
        else
        {
            pcm = decode ? _decoder.Conceal(s.FrameSamples) : default;
            Count(s, FrameFill.Concealed);
        }

        if (s.Start is null)
        {
            MarkStarted(s, seq, synchronised, notices);
        }

        var position = (seq - s.FirstSeq) * s.FrameSamples;
        if (decode)
        {
            s.Sink.Write(position, pcm);
        }
    }

    /// <summary>The first frame is being handed to the sink now: measure the start error.</summary>
    private void MarkStarted(ActiveStream s, long seq, bool synchronised, List<PlaybackNotice> notices)
    {
        var actualLocal = _view.Clock.NowMicros;
        var trueNow = _view.Clock.TrueNowMicros;
        var intended = s.PlayoutHubOf(seq);
        s.Start = new PlaybackStats
        {
            StreamId = s.Id,
            Class = s.Class,
            IntendedMicros = intended,
            ActualLocalMicros = actualLocal,
            ActualMicros = _view.ToHub(actualLocal),
            TrueStartErrorMicros = trueNow - intended,
            StartedSynchronised = synchronised,
        };
        _counters.StreamStarted();
        notices.Add(new PlaybackNotice(PlaybackNoticeKind.Started, s.Snapshot(null)));
    }

    private void Count(ActiveStream s, FrameFill fill)
    {
        switch (fill)
        {
            case FrameFill.Own:
                s.Played++;
                _counters.Played();
                break;
            case FrameFill.Fec:
                s.Fec++;
                _counters.Fec();
                break;
            default:
                s.Concealed++;
                _counters.Concealed();
                break;
        }
    }

    /// <summary>When the loop should wake next: the next slot, or the end of the last frame.</summary>
    private long NextSlotLocal(ActiveStream s)
    {
        _view.TryToLocal(s.PlayoutHubOf(s.NextSeq), out var local, out _);
        return local;
    }

    private async Task DelayUntilAsync(long local, CancellationToken power)
    {
        var wait = _view.Clock.ProviderDelayFor(local - _view.Clock.NowMicros);
        if (wait > TimeSpan.Zero)
        {
            // Timers count whole milliseconds and would otherwise fire up to 1 ms early.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _view.Clock.Time, power);
        }
    }

    private enum FrameFill
    {
        Own,
        Fec,
        Concealed,
    }
}
