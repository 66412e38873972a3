using System.Diagnostics;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// The scheduler: each active stream has exactly one pending wake, at the play-out time of its
/// next batch of frames (100 ms: the five frames of a default message), or at its idle deadline.
/// At the wake, on the shared <see cref="PlayoutScheduler"/> thread, it hands the batch it decoded
/// ahead to the sink — the first frame "now", the rest queued like a DAC's DMA buffer — and books
/// the next wake right there, so a busy thread pool cannot make it miss a slot; decoding the next
/// batch goes to the thread pool. 1000 playing nodes: ~10 000 wakes a second, one thread, no
/// timer per frame.
/// </summary>
internal sealed partial class SpeakerPlayer
{
    private const long BatchMicros = 100_000;

    /// <summary>Books the stream's one pending wake at node time <paramref name="local"/>; an earlier booking goes stale.</summary>
    private void ScheduleWake(ActiveStream s, long local)
    {
        var token = ++s.WakeToken;
        var clock = _view.Clock;
        var wait = clock.ProviderDelayFor(local - clock.NowMicros);
        if (clock.Time == TimeProvider.System)
        {
            PlayoutScheduler.Shared.RunAt(Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency), () => OnWake(s, token));
            return;
        }

        // A test clock (FakeTimeProvider): its own timers, advanced by the test.
        ITimer? timer = null;
        timer = clock.Time.CreateTimer(_ =>
        {
            timer?.Dispose();
            OnWake(s, token);
        }, null, wait, Timeout.InfiniteTimeSpan);
    }

    private void OnWake(ActiveStream s, long token)
    {
        var notices = new List<PlaybackNotice>();
        var decodeAhead = false;
        lock (_gate)
        {
            if (s.Released || token != s.WakeToken)
            {
                return;
            }

            if (!s.HasFrames)
            {
                WaitOrTimeOut(s, notices);
                Post(notices);
            }
            else
            {
                Step(s, notices);

                // Queued before the next wake is booked: a test clock runs a wake that is already due inline.
                Post(notices);
                if (!s.Released)
                {
                    ScheduleWake(s, Math.Min(SlotLocal(s, s.NextSeq), s.IdleDeadlineLocal));
                    decodeAhead = true;
                }
            }
        }

        if (notices.Count == 0 && !decodeAhead)
        {
            return;
        }

        if (_view.Clock.Time == TimeProvider.System)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => AfterWake(s, decodeAhead), null);
        }
        else
        {
            // A test clock: everything happens on the thread that advances it, in order, so a
            // test driving the clock frame by frame gets the same result on a busy machine.
            AfterWake(s, decodeAhead);
        }
    }

    /// <summary>On the thread pool: publish what happened and decode the next batch.</summary>
    private void AfterWake(ActiveStream s, bool decodeAhead)
    {
        Dispatch();
        if (decodeAhead)
        {
            lock (_gate)
            {
                if (!s.Released)
                {
                    Prepare(s, _view.Clock.NowMicros, underrun: false);
                }
            }
        }
    }

    /// <summary>No frame yet: release once the idle deadline passes, else wake again at it.</summary>
    private void WaitOrTimeOut(ActiveStream s, List<PlaybackNotice> notices)
    {
        if (_view.Clock.NowMicros >= s.IdleDeadlineLocal)
        {
            Release(s, PlaybackEndReason.Timeout, notices);
        }
        else
        {
            ScheduleWake(s, s.IdleDeadlineLocal);
        }
    }

    /// <summary>The first frame was accepted: decode the first batch now and wake at its slot.</summary>
    private void BeginPlayout(ActiveStream s)
    {
        Prepare(s, _view.Clock.NowMicros, underrun: false);
        ScheduleWake(s, SlotLocal(s, s.NextSeq));
    }

    /// <summary>One wake: release on end or idle timeout, else hand over the batch that is due.</summary>
    private void Step(ActiveStream s, List<PlaybackNotice> notices)
    {
        var now = _view.Clock.NowMicros;
        if (s.EndSeq is { } end && s.NextSeq > end)
        {
            Release(s, PlaybackEndReason.End, notices);
            return;
        }

        if (now >= s.IdleDeadlineLocal)
        {
            Release(s, PlaybackEndReason.Timeout, notices);
            return;
        }

        if (s.Prepared.Count == 0)
        {
            // Underrun, or the thread pool has not decoded ahead yet: decide what is due right here.
            Prepare(s, now, underrun: true);
        }

        HandOver(s, now, notices);
    }

    /// <summary>Node-clock start of slot <paramref name="seq"/> (the end of the stream when past the last frame).</summary>
    private long SlotLocal(ActiveStream s, long seq)
    {
        _view.TryToLocal(s.PlayoutHubOf(seq), out var local, out _);
        return local;
    }
}
