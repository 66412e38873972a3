namespace TanKy.DeviceSim.Node;

/// <summary>
/// TaskCompletionSource-based waits on <see cref="NodeActivity"/>. The "already true" check and
/// the registration happen under one lock with publication, so a wait cannot miss an activity
/// that happens between the check and the registration.
/// </summary>
internal sealed class ActivityWaiters
{
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];

    public async Task<NodeActivity?> WaitAsync(
        string what, Func<NodeActivity, bool> match, Func<bool> alreadyTrue, TimeSpan timeout, CancellationToken ct)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (alreadyTrue())
            {
                return null;
            }

            waiter = new Waiter(match);
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.###} s waiting for {what}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Runs <paramref name="stateChange"/> and completes matching waits atomically with it.</summary>
    public void Publish(NodeActivity activity, Action? stateChange = null)
    {
        List<Waiter>? hit = null;
        lock (_gate)
        {
            stateChange?.Invoke();
            foreach (var w in _waiters)
            {
                if (w.Match(activity))
                {
                    (hit ??= []).Add(w);
                }
            }
        }

        hit?.ForEach(w => w.Completion.TrySetResult(activity));
    }

    private sealed record Waiter(Func<NodeActivity, bool> Match)
    {
        public TaskCompletionSource<NodeActivity> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
