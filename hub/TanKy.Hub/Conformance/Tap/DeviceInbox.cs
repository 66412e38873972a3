using TanKy.Hub.Broker;

namespace TanKy.Hub.Conformance.Tap;

/// <summary>
/// The messages one device sent during a run, in arrival order, and waits on them: a wait ends
/// at the first message that matches, or at its timeout on the hub's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class DeviceInbox(TimeProvider time)
{
    private readonly List<DeviceMessage> _messages = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Position of the next message: pass it to a wait to see only what comes after now.</summary>
    public int Mark
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    public void Add(DeviceMessage message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _messages.Add(message);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Every message from <paramref name="from"/> on that matches.</summary>
    public IReadOnlyList<DeviceMessage> Since(int from, Func<DeviceMessage, bool> match)
    {
        lock (_gate)
        {
            return _messages.Skip(from).Where(match).ToList();
        }
    }

    /// <summary>The first message from <paramref name="from"/> on that matches, or null after <paramref name="timeout"/>.</summary>
    public async Task<DeviceMessage?> WaitAsync(int from, Func<DeviceMessage, bool> match, TimeSpan timeout, CancellationToken ct)
    {
        timeout = timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = Task.Delay(timeout, time, expiry.Token);
        try
        {
            var next = from;
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    for (; next < _messages.Count; next++)
                    {
                        if (match(_messages[next]))
                        {
                            return _messages[next];
                        }
                    }

                    changed = _changed.Task;
                }

                if (await Task.WhenAny(changed, deadline) == deadline)
                {
                    ct.ThrowIfCancellationRequested();
                    return null;
                }
            }
        }
        finally
        {
            await expiry.CancelAsync();
        }
    }
}
