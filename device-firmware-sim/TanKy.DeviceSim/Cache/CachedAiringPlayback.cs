using System.Diagnostics;
using TanKy.DeviceSim.Audio;
using TanKy.DeviceSim.Clock;
using TanKy.Protocol;
using TanKy.Protocol.Audio;
using TanKy.Protocol.Messages;

namespace TanKy.DeviceSim.Cache;

/// <summary>
/// Plays one pre-cached airing (protocol.md §4.11 rules 3–6): at the first item's <c>at</c>,
/// converted to the node clock, it hands the player a play order for the airing's stream id and
/// then the cached packets as frame messages, each a short lead before its play-out time, as
/// if they came from the hub. The link plays no part, so a cut link does not silence it; the
/// player's events go through the node's outbox and are sent once the link is back.
/// The clips of one airing play back to back as one packet sequence from the first <c>at</c>.
/// </summary>
/// <remarks>
/// Stepped by one wake at a time, each step run in the wake itself, like the player's: on the
/// system clock on the shared <see cref="PlayoutScheduler"/> thread (each step takes microseconds:
/// a message handed to the player), on a test clock by its timers, on the thread that advances it,
/// at the due time, in order, whatever the machine's load.
/// </remarks>
internal sealed class CachedAiringPlayback(string stream, IReadOnlyList<CacheOrder> items, NodeCache cache, HubClockView view, TimeProvider time, SpeakerPlayer player)
{
    private const int FramesPerMessage = 5;
    private const long FrameMicros = 20_000;
    private const long LeadMicros = 300_000;

    // A long wait is re-checked against the clock estimate every second: sync may move it.
    private const long MaxWaitMicros = 1_000_000;
    private static readonly TimeSpan NoClockRetry = TimeSpan.FromMilliseconds(100);

    private readonly TaskCompletionSource _done = new();
    private readonly Lock _gate = new();
    private CancellationTokenRegistration _cancel;
    private ITimer? _timer;
    private long _wakeToken;
    private bool _ended;
    private List<ReadOnlyMemory<byte>> _packets = [];
    private long _start;
    private int _next;

    public string Stream => stream;

    public long FirstAt => items[0].At;

    /// <summary>True once the player took the airing from the cache.</summary>
    public bool Started { get; private set; }

    /// <summary>Starts the airing's timeline; the task completes when its last message is handed over, it gives up, or is cancelled.</summary>
    public Task RunAsync(CancellationToken ct)
    {
        _cancel = ct.Register(End);
        WakeAt(FirstAt - LeadMicros, Begin);
        return _done.Task;
    }

    private void Begin()
    {
        var clips = items.Select(i => cache.Clip(i.Media, i.Sha256)).ToList();
        if (clips.Any(c => c is null))
        {
            // Rule 6: not verified by airtime, so it plays the live stream if one comes.
            End();
            return;
        }

        _packets = [.. clips.SelectMany(c => c!.Packets)];
        _start = FirstAt - (clips[0]!.PreSkip * 1_000_000L / 48_000);
        player.OnOrder(new PlayOrderMessage { V = ProtocolConstants.Version, Op = "play", Stream = stream, Class = "normal", Codec = "opus", Start = _start });
        if (player.ActiveStreamId != stream)
        {
            End();
            return;
        }

        Started = true;
        SendDue();
    }

    /// <summary>Hands over every message whose time has come, then waits for the next one.</summary>
    private void SendDue()
    {
        var hash = StreamIdHash.Compute(stream);
        while (_next < _packets.Count)
        {
            var playout = _start + (_next * FrameMicros);
            if (!IsDue(playout - LeadMicros))
            {
                WakeAt(playout - LeadMicros, SendDue);
                return;
            }

            if (player.ActiveStreamId != stream)
            {
                End(); // preempted by a higher class, or stopped
                return;
            }

            // Taking over from the live stream: slots the player has already decided are past use
            // (handing them over would only count them late); the rest may fill gaps.
            var end = Math.Min(_next + FramesPerMessage, _packets.Count);
            var from = (int)Math.Clamp(player.DecidedUpTo(stream) ?? 0, _next, end);
            _next = end;
            if (from == end)
            {
                continue;
            }

            var batch = _packets.GetRange(from, end - from);
            // The hub's live play order may have reached the player first and fixed the stream's
            // epoch: the cached frames carry it, or the player would drop them as another epoch's.
            var message = new AudioFrameMessage(hash, player.EpochOf(stream) ?? 0, (uint)from, _start + (from * FrameMicros), batch,
                flags: end == _packets.Count ? AudioFrameFlags.EndOfStream : AudioFrameFlags.None);
            player.OnFrames(stream, message.Encode());
        }

        End();
    }

    private bool IsDue(long hubMicros) => view.TryToLocal(hubMicros, out var local, out _) && local <= view.Clock.NowMicros;

    /// <summary>Runs <paramref name="step"/> once the node clock reaches hub time <paramref name="hubMicros"/> (at once when it has).</summary>
    private void WakeAt(long hubMicros, Action step)
    {
        TimeSpan wait;
        if (!view.TryToLocal(hubMicros, out var local, out _))
        {
            // No clock estimate yet: the node cannot know when airtime is.
            wait = NoClockRetry;
        }
        else
        {
            var ahead = local - view.Clock.NowMicros;
            if (ahead <= 0)
            {
                step();
                return;
            }

            wait = view.Clock.ProviderDelayFor(Math.Min(ahead, MaxWaitMicros));
        }

        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            var token = ++_wakeToken;
            if (time == TimeProvider.System)
            {
                // The player's own wake thread, not a thread-pool timer: a busy or starved pool
                // (seen here stalling timer callbacks for over a second) must not make a cached
                // airing hand its frames over after their slots, or stop it for lack of frames.
                PlayoutScheduler.Shared.RunAt(Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency), () => OnWake(token, hubMicros, step));
                return;
            }

            // A test clock: its own timers, fired inline by the thread that advances it.
            _timer?.Dispose();
            _timer = time.CreateTimer(_ => OnWake(token, hubMicros, step), null, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnWake(long token, long hubMicros, Action step)
    {
        lock (_gate)
        {
            if (_ended || token != _wakeToken)
            {
                return;
            }
        }

        WakeAt(hubMicros, step);
    }

    private void End()
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            _timer?.Dispose();
            _timer = null;
        }

        // Unregister, not Dispose: this may run inside the cancellation callback itself.
        _cancel.Unregister();
        _done.TrySetResult();
    }
}
