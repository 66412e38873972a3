namespace TanKy.Hub.Conformance.Run;

/// <summary>
/// Epochs for the kit's test streams: Unix seconds, strictly increasing (protocol.md §8.1.4), the
/// hub's own rule, so a broadcast the hub starts after a run (epoch ≥ its Unix second) is never
/// below the last test stream's epoch that a node remembers, once a second has passed.
/// </summary>
internal sealed class EpochSource
{
    private readonly Lock _gate = new();
    private long _last;

    public uint Next(DateTimeOffset now)
    {
        lock (_gate)
        {
            _last = Math.Max(_last + 1, now.ToUnixTimeSeconds());
            return (uint)_last;
        }
    }
}
