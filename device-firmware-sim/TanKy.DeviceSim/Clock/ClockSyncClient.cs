using TanKy.Protocol.Time;

namespace TanKy.DeviceSim.Clock;

/// <summary>
/// Drives <c>dev/{id}/time</c> exchanges on <see cref="ClockSyncSchedule"/> (protocol.md §8.2.2):
/// after each connect a burst, then convergence, then steady state. Requests are not serialised;
/// replies are matched by their echoed t1 and unanswered requests are forgotten after the
/// schedule's reply timeout. One async loop per connected node and one timer wait per request:
/// the burst is ~100 timer wake-ups per node, no thread of its own.
/// </summary>
internal sealed class ClockSyncClient
{
    private readonly HubClockView _view;
    private readonly ClockSyncSchedule _schedule;
    private readonly Func<long, CancellationToken, Task<bool>> _send;
    private readonly Lock _gate = new();

    // t1 → provider timestamp at send; a few hundred entries at most (2 s of a 10 ms burst).
    private readonly Dictionary<long, long> _pending = [];
    private long _sent;
    private long _used;
    private long _unmatched;

    /// <param name="send">Publishes a request with the given t1; false when it could not be sent.</param>
    public ClockSyncClient(HubClockView view, ClockSyncSchedule schedule, Func<long, CancellationToken, Task<bool>> send)
    {
        _view = view;
        _schedule = schedule;
        _send = send;
    }

    public long RequestsSent => Interlocked.Read(ref _sent);

    public long RepliesUsed => Interlocked.Read(ref _used);

    /// <summary>Replies with no pending request (late, duplicated or not ours).</summary>
    public long RepliesUnmatched => Interlocked.Read(ref _unmatched);

    /// <summary>Runs one connection's schedule until <paramref name="ct"/> ends the session.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var time = _view.Clock.Time;
        try
        {
            // The random start spreads a whole commune's bursts after a broker restart.
            await Task.Delay(_schedule.MaxStartJitter * Random.Shared.NextDouble(), time, ct);
            var first = time.GetTimestamp();
            for (var i = 0; !ct.IsCancellationRequested; i++)
            {
                await SendOneAsync(ct);

                // Absolute targets, so a slow publish does not stretch the whole schedule.
                var wait = _schedule.SendTime(i + 1) - time.GetElapsedTime(first);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Session over: the next connect starts a new burst.
        }
    }

    /// <summary>A reply arrived: <paramref name="t4"/> is the node clock at arrival. True when it made the clock synchronised.</summary>
    public bool OnReply(long t1, long t2, long t3, long t4)
    {
        lock (_gate)
        {
            if (!_pending.Remove(t1))
            {
                Interlocked.Increment(ref _unmatched);
                return false;
            }
        }

        Interlocked.Increment(ref _used);
        return _view.Add(t1, t2, t3, t4);
    }

    private async Task SendOneAsync(CancellationToken ct)
    {
        var t1 = _view.Clock.NowMicros;
        var time = _view.Clock.Time;
        lock (_gate)
        {
            Forget(time);
            _pending[t1] = time.GetTimestamp();
        }

        if (await _send(t1, ct))
        {
            Interlocked.Increment(ref _sent);
        }
        else
        {
            lock (_gate)
            {
                _pending.Remove(t1);
            }
        }
    }

    private void Forget(TimeProvider time)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        List<long>? stale = null;
        foreach (var (t1, sentAt) in _pending)
        {
            if (time.GetElapsedTime(sentAt) > _schedule.ReplyTimeout)
            {
                (stale ??= []).Add(t1);
            }
        }

        stale?.ForEach(t => _pending.Remove(t));
    }
}
