using System.Collections.Concurrent;

namespace TanKy.Hub.Hosting.Metrics;

/// <summary>
/// Broadcast counters for <c>/metrics</c>. The broadcasting feature calls <see cref="Started"/>
/// when a broadcast goes on air; until it exists the counter stays at zero.
/// </summary>
internal sealed class BroadcastMetrics
{
    private readonly ConcurrentDictionary<string, long> _started = new(StringComparer.Ordinal);

    /// <param name="bulletinClass">normal, priority or emergency.</param>
    public void Started(string bulletinClass) => _started.AddOrUpdate(bulletinClass, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> StartedByClass => _started;
}
