using System.Text.Json.Nodes;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// The zones a speaker plays for, learnt only over the protocol: its applied desired <c>zones</c>
/// (kept across reconnects and reboots, like flash). On every connection and on every change it
/// subscribes to <c>zone/{z}/play</c> for each of them and unsubscribes from the rest (protocol.md
/// §2.3). The desired apply runs on the inbox worker while the connect loop subscribes on its
/// own thread: one sync at a time (<see cref="_sync"/>), state under <see cref="_gate"/>.
/// </summary>
internal sealed class NodeZones(NodeContext node, NodeLink link)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sync = new(1, 1);
    private IReadOnlyList<string> _applied = [];
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);

    /// <summary>The zones of the desired state applied last.</summary>
    public IReadOnlyList<string> Applied
    {
        get
        {
            lock (_gate)
            {
                return _applied;
            }
        }
    }

    /// <summary>The zones whose play orders the broker delivers on this connection (SUBACK received).</summary>
    public IReadOnlyList<string> Subscribed
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscribed.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Does the speaker play orders of <paramref name="zone"/>? Only its applied zones count, whatever the broker delivers.</summary>
    public bool Follows(string zone)
    {
        lock (_gate)
        {
            return _applied.Contains(zone, StringComparer.Ordinal);
        }
    }

    /// <summary>A desired state was applied: its <c>zones</c> (none when absent) become the speaker's.</summary>
    public Task ApplyAsync(JsonObject appliedState, CancellationToken ct)
    {
        if (node.Options.Kind != DeviceKind.Speaker)
        {
            return Task.CompletedTask;
        }

        var zones = appliedState["zones"] is JsonArray array
            ? array.Select(z => z is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : new List<string>();
        lock (_gate)
        {
            if (_applied.SequenceEqual(zones, StringComparer.Ordinal))
            {
                return Task.CompletedTask;
            }

            _applied = zones;
        }

        return SyncAsync(newConnection: false, ct);
    }

    /// <summary>A new connection (clean session): nothing is subscribed yet; subscribe to every applied zone.</summary>
    public Task OnConnectedAsync(CancellationToken ct) =>
        node.Options.Kind == DeviceKind.Speaker ? SyncAsync(newConnection: true, ct) : Task.CompletedTask;

    private async Task SyncAsync(bool newConnection, CancellationToken ct)
    {
        await _sync.WaitAsync(ct);
        try
        {
            List<string> add, remove;
            lock (_gate)
            {
                if (newConnection)
                {
                    _subscribed.Clear();
                }

                add = [.. _applied.Where(z => !_subscribed.Contains(z))];
                remove = [.. _subscribed.Where(z => !_applied.Contains(z, StringComparer.Ordinal))];
            }

            if (!link.IsConnected || (add.Count == 0 && remove.Count == 0 && !newConnection))
            {
                return; // the next connection subscribes to what is applied then
            }

            if (remove.Count > 0)
            {
                await link.UnsubscribeZonesAsync(remove, ct);
                lock (_gate)
                {
                    _subscribed.ExceptWith(remove);
                }
            }

            if (add.Count > 0)
            {
                var granted = await link.SubscribeZonesAsync(add, ct);
                lock (_gate)
                {
                    _subscribed.UnionWith(granted);
                }
            }

            node.Raise(NodeActivityKind.ZonesSubscribed, detail: string.Join(",", Subscribed));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The link dropped mid-way: the next connection subscribes afresh.
            node.LastError = $"zone subscriptions: {ex.Message}";
        }
        finally
        {
            _sync.Release();
        }
    }
}
