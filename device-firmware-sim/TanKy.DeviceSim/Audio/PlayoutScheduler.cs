using System.Diagnostics;

namespace TanKy.DeviceSim.Audio;

/// <summary>
/// One thread per process that wakes speakers at their play-out times. Why not Task.Delay or
/// timers: .NET timers on Linux run on the coarse monotonic clock (4 ms ticks on this kernel),
/// measured p50 2 ms / p90 3.9 ms late. A condition wait with a millisecond timeout wakes ~0.1 ms
/// after it is due, and the last millisecond is spun. Callbacks run inline on this thread and
/// must take microseconds (a hand-over to a sink); anything longer goes to the thread pool.
/// Wake-ups cluster on each broadcast's 100 ms grid, so 1000 nodes share few waits.
/// </summary>
internal sealed class PlayoutScheduler
{
    private static readonly TimeSpan SpinBelow = TimeSpan.FromMilliseconds(1);
    private readonly object _gate = new();
    private readonly PriorityQueue<Action, long> _queue = new();
    private Thread? _thread;
    private long _failures;

    public static PlayoutScheduler Shared { get; } = new();

    /// <summary>Callbacks that threw (they are the callers' bugs; the thread keeps going).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Runs <paramref name="atDue"/> on the scheduler thread when <see cref="Stopwatch.GetTimestamp"/> reaches <paramref name="dueTimestamp"/>.</summary>
    public void RunAt(long dueTimestamp, Action atDue)
    {
        lock (_gate)
        {
            var wakeEarlier = !_queue.TryPeek(out _, out var head) || dueTimestamp < head;
            _queue.Enqueue(atDue, dueTimestamp);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "tanky-playout" };
                _thread.Start();
            }
            else if (wakeEarlier)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            try
            {
                NextDue()();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }

    private Action NextDue()
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_queue.TryPeek(out var entry, out var due))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (remaining <= TimeSpan.Zero)
                {
                    _queue.Dequeue();
                    return entry;
                }

                if (remaining > SpinBelow)
                {
                    // A timed wait overshoots by ~0.1 ms and counts whole milliseconds: aim short.
                    Monitor.Wait(_gate, (int)Math.Ceiling((remaining - SpinBelow).TotalMilliseconds));
                    continue;
                }
            }

            // The last stretch: spin (not yield, which could lose the core for a time slice).
            Thread.SpinWait(50);
        }
    }
}
