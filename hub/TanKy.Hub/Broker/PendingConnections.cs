namespace TanKy.Hub.Broker;

/// <summary>
/// The connections whose CONNECT has not been accepted yet, oldest first, capped at
/// <see cref="BrokerOptions.MaxPendingConnections"/>. When full, admitting one more evicts the
/// oldest: a device completes its CONNECT in milliseconds, an idle attacker's socket is the one
/// that has waited longest, so a flood of idle sockets cannot keep a device out (refusing the
/// newest instead would let it).
/// </summary>
internal sealed class PendingConnections(int max)
{
    private readonly LinkedList<EdgeConnection> _oldestFirst = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _oldestFirst.Count;
            }
        }
    }

    /// <summary>Counts <paramref name="connection"/> in; returns the connection to close to make room, if any.</summary>
    public EdgeConnection? Admit(EdgeConnection connection)
    {
        lock (_lock)
        {
            connection.PendingNode = _oldestFirst.AddLast(connection);
            if (_oldestFirst.Count <= max)
            {
                return null;
            }

            var oldest = _oldestFirst.First!.Value;
            _oldestFirst.RemoveFirst();
            oldest.PendingNode = null;
            return oldest;
        }
    }

    /// <summary>The connection's CONNECT was accepted, or it closed: it no longer counts.</summary>
    public bool Settle(EdgeConnection connection)
    {
        lock (_lock)
        {
            if (connection.PendingNode is not { } node)
            {
                return false;
            }

            _oldestFirst.Remove(node);
            connection.PendingNode = null;
            return true;
        }
    }

    /// <summary>Empties the set (broker stopping); returns what it held.</summary>
    public List<EdgeConnection> TakeAll()
    {
        lock (_lock)
        {
            var all = _oldestFirst.ToList();
            foreach (var c in all)
            {
                c.PendingNode = null;
            }

            _oldestFirst.Clear();
            return all;
        }
    }
}
