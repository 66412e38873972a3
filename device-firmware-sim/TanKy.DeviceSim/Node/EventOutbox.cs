using System.Collections.Concurrent;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// Events waiting to be published (QoS 1). A firmware cannot drop a <c>playback.finished</c> just
/// because its 4G link is down when the stream ends: it keeps events in RAM and sends them, in
/// order, once connected again. Bounded: past <see cref="Capacity"/> the oldest go first.
/// One drain at a time keeps the order.
/// </summary>
internal sealed class EventOutbox
{
    public const int Capacity = 256;

    private readonly ConcurrentQueue<byte[]> _queue = new();
    private readonly Func<byte[], Task<bool>> _publish;
    private int _draining;
    private long _sent;
    private long _dropped;

    public EventOutbox(Func<byte[], Task<bool>> publish)
    {
        _publish = publish;
    }

    public int Pending => _queue.Count;

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(byte[] payload)
    {
        _queue.Enqueue(payload);
        while (_queue.Count > Capacity && _queue.TryDequeue(out _))
        {
            Interlocked.Increment(ref _dropped);
        }

        Kick();
    }

    /// <summary>Tries to send what is queued; call after every connect.</summary>
    public void Kick()
    {
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = DrainAsync();
        }
    }

    /// <summary>Power lost: RAM is gone.</summary>
    public void Clear() => _queue.Clear();

    private async Task DrainAsync()
    {
        var linkUp = true;
        try
        {
            while (_queue.TryPeek(out var payload))
            {
                if (!await _publish(payload))
                {
                    // Link down: the next connect kicks again.
                    linkUp = false;
                    break;
                }

                _queue.TryDequeue(out _);
                Interlocked.Increment(ref _sent);
            }
        }
        catch (Exception)
        {
            linkUp = false;
        }
        finally
        {
            Volatile.Write(ref _draining, 0);
        }

        // An event enqueued while the drain was finishing must not wait for the next connect.
        if (linkUp && !_queue.IsEmpty)
        {
            Kick();
        }
    }
}
