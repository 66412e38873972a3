using System.Collections.Concurrent;

namespace TanKy.Hub.Broker;

/// <summary>
/// Counts connected clients per client id, so the broker can refuse connections beyond
/// <see cref="BrokerOptions.MaxConnections"/> while still letting a known client id reconnect
/// (the newer connection takes the older one over, the total does not grow).
/// </summary>
/// <remarks>
/// Admission is decided against connections that completed their handshake: CONNECT packets
/// being validated in the very same instant can overshoot the limit by their number. The limit
/// protects memory on a small gateway; it is not an exact quota.
/// </remarks>
internal sealed class ConnectionLimiter(int maxConnections)
{
    private readonly ConcurrentDictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private int _total;

    public int Count => Volatile.Read(ref _total);

    public bool MayConnect(string clientId) => Count < maxConnections || _perClient.ContainsKey(clientId);

    public void Connected(string clientId)
    {
        _perClient.AddOrUpdate(clientId, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    public void Disconnected(string clientId)
    {
        while (_perClient.TryGetValue(clientId, out var n))
        {
            var removed = n <= 1
                ? _perClient.TryRemove(new KeyValuePair<string, int>(clientId, n))
                : _perClient.TryUpdate(clientId, n - 1, n);
            if (removed)
            {
                Interlocked.Decrement(ref _total);
                return;
            }
        }
    }
}
