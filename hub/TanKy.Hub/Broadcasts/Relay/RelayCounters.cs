namespace TanKy.Hub.Broadcasts.Relay;

/// <summary>
/// One relay broadcast's tally, over all its streams (a relay preempted and resumed keeps
/// counting): frames by kind, dropouts, switches to the fallback clip, and the output level of
/// the last second. Written by the stream's reader, read by the status endpoint: interlocked.
/// Every count also goes to the hub-wide <see cref="RelayTotals"/> for <c>/metrics</c>.
/// </summary>
internal sealed class RelayCounters(RelayTotals totals)
{
    private const int LevelFrames = 50;
    private long _source;
    private long _silence;
    private long _fallback;
    private int _dropouts;
    private int _switches;
    private double _levelSum;
    private int _levelFrames;
    private double _lastLevel = double.NaN;

    public long SourceFrames => Interlocked.Read(ref _source);

    public long SilentFrames => Interlocked.Read(ref _silence);

    public long FallbackFrames => Interlocked.Read(ref _fallback);

    public int Dropouts => Volatile.Read(ref _dropouts);

    public int FallbackSwitches => Volatile.Read(ref _switches);

    /// <summary>Output level (RMS, dBFS) of the last whole second of source audio; null before one.</summary>
    public double? LevelDbfs
    {
        get
        {
            var level = Volatile.Read(ref _lastLevel);
            return double.IsNaN(level) ? null : level;
        }
    }

    public void Dropout()
    {
        Interlocked.Increment(ref _dropouts);
        totals.Dropout();
    }

    public void FallbackSwitch()
    {
        Interlocked.Increment(ref _switches);
        totals.FallbackSwitch();
    }

    /// <param name="meanSquare">The frame's mean square for source frames (the level), else null.</param>
    public void Frame(RelayMode mode, double? meanSquare)
    {
        switch (mode)
        {
            case RelayMode.Source:
                Interlocked.Increment(ref _source);
                totals.SourceFrame();
                break;
            case RelayMode.Silence:
                Interlocked.Increment(ref _silence);
                break;
            default:
                Interlocked.Increment(ref _fallback);
                break;
        }

        if (meanSquare is { } ms)
        {
            _levelSum += ms;
            if (++_levelFrames == LevelFrames)
            {
                var mean = _levelSum / LevelFrames;
                Volatile.Write(ref _lastLevel, mean <= 0 ? -120 : Math.Max(-120, 10 * Math.Log10(mean)));
                _levelSum = 0;
                _levelFrames = 0;
            }
        }
    }

    public RelayCounts Snapshot() => new(Dropouts, FallbackSwitches, SourceFrames, SilentFrames, FallbackFrames);
}

/// <summary>A relay broadcast's counts; <see cref="RelayedSeconds"/> is the source audio actually aired.</summary>
public sealed record RelayCounts(int Dropouts, int FallbackSwitches, long SourceFrames, long SilentFrames, long FallbackFrames)
{
    public double RelayedSeconds => SourceFrames * global::TanKy.Hub.Broadcasts.Sources.AudioSourceFormat.FrameDuration.TotalSeconds;
}

/// <summary>Hub-wide relay counters since start, for <c>/metrics</c> (<c>tanky_relay_dropouts_total</c> …).</summary>
public sealed class RelayTotals
{
    private long _dropouts;
    private long _switches;
    private long _sourceFrames;

    public long Dropouts => Interlocked.Read(ref _dropouts);

    public long FallbackSwitches => Interlocked.Read(ref _switches);

    /// <summary>Seconds of source audio relayed (all relays).</summary>
    public double RelayedSeconds => Interlocked.Read(ref _sourceFrames) * global::TanKy.Hub.Broadcasts.Sources.AudioSourceFormat.FrameDuration.TotalSeconds;

    internal void Dropout() => Interlocked.Increment(ref _dropouts);

    internal void FallbackSwitch() => Interlocked.Increment(ref _switches);

    internal void SourceFrame() => Interlocked.Increment(ref _sourceFrames);
}
