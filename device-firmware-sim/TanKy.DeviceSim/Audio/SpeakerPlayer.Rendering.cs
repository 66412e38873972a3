namespace TanKy.DeviceSim.Audio;

/// <summary>
/// Deciding slots (own packet, FEC from the next packet, or concealment) and handing decoded
/// frames to the sink. Runs under the player's lock, on the stream's scheduler loop.
/// </summary>
internal sealed partial class SpeakerPlayer
{
    /// <summary>
    /// Decodes ahead the slots of the next batch that can be decided now: a present packet, or a
    /// missing one that is known lost (a later frame or the end-of-stream has arrived). Stops at
    /// the first slot whose frame may still come. With <paramref name="underrun"/> (on the playout
    /// thread, nothing decoded ahead) it decides only the slots already due, concealing if needed.
    /// </summary>
    private void Prepare(ActiveStream s, long now, bool underrun)
    {
        s.Sink ??= OpenSink(s);
        var batchEnd = s.PlayoutHubOf(s.NextSeq) + BatchMicros;
        for (var seq = s.DecidedUpTo; s.PlayoutHubOf(seq) < batchEnd && !(s.EndSeq is { } end && seq > end); seq++)
        {
            var due = SlotLocal(s, seq) <= now;
            if (!s.Prepared.HasRoomFor(s.FrameSamples) || (underrun && !due))
            {
                return;
            }

            var present = s.Buffer.Remove(seq, out var packet);
            var knownLost = s.HighestAccepted > seq || s.EndSeq is not null;
            if (!present && !knownLost && !underrun)
            {
                return;
            }

            Decide(s, seq, present ? packet : ReadOnlyMemory<byte>.Empty);
        }
    }

    /// <summary>Fills slot <paramref name="seq"/>; an empty <paramref name="own"/> is a lost frame or one the hub had no packet for (§8.1.1).</summary>
    private void Decide(ActiveStream s, long seq, ReadOnlyMemory<byte> own)
    {
        var decode = s.Sink!.WantsPcm;
        ReadOnlySpan<short> pcm = default;
        FrameFill fill;
        if (!own.IsEmpty)
        {
            fill = !decode || _decoder.TryDecode(own, s.FrameSamples, out pcm) ? FrameFill.Own : FrameFill.Concealed;
        }
        else if (s.Buffer.TryGetValue(seq + 1, out var next) && !next.IsEmpty)
        {
            fill = !decode || _decoder.TryRecover(next, s.FrameSamples, out pcm) ? FrameFill.Fec : FrameFill.Concealed;
        }
        else
        {
            pcm = decode ? _decoder.Conceal(s.FrameSamples) : default;
            fill = FrameFill.Concealed;
        }

        s.Prepared.Add(seq, fill, pcm);
    }

    /// <summary>Hands the prepared frames to the sink now; a frame whose slot is already over is dropped as late.</summary>
    private void HandOver(ActiveStream s, long now, List<PlaybackNotice> notices)
    {
        foreach (var frame in s.Prepared.Frames)
        {
            if (SlotLocal(s, frame.Seq) + s.FrameMicros <= now)
            {
                // The node itself woke after this slot (a stall): never play late, it would echo.
                // A frame it held is dropped and counted late (§8.1.3 rule 8); a slot it had no frame
                // for (lost, or the frame came late and was counted then) has no frame to drop.
                // Before the first frame played the slot is only skipped (§8.2.5 step 6); after it,
                // the slot went by silent, so it is concealed (every slot is played, fec or concealed, §4.6).
                if (frame.Fill == FrameFill.Own)
                {
                    s.Late++;
                }

                _counters.SlotMissed();
                if (s.Start is not null)
                {
                    s.Concealed++;
                    _counters.Concealed();
                }

                continue;
            }

            if (s.Start is null)
            {
                MarkStarted(s, frame.Seq, notices);
            }

            Count(s, frame.Fill);
            if (s.Sink!.WantsPcm)
            {
                s.Sink.Write((frame.Seq - s.FirstSeq) * s.FrameSamples, s.Prepared.Pcm(frame));
            }
        }

        s.NextSeq += s.Prepared.Count;
        s.Prepared.Clear();
    }

    private IAudioSink OpenSink(ActiveStream s)
    {
        _decoder.Reset();
        return _sinks(_deviceId, s.Id);
    }

    /// <summary>The first frame is being handed to the sink now: measure the start error.</summary>
    private void MarkStarted(ActiveStream s, long seq, List<PlaybackNotice> notices)
    {
        var actualLocal = _view.Clock.NowMicros + StartDelayMicros;
        var trueNow = _view.Clock.TrueNowMicros + StartDelayMicros;
        var intended = s.PlayoutHubOf(seq);
        _view.TryToLocal(intended, out _, out var synchronised);
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
}
