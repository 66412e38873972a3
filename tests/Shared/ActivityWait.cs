using TanKy.DeviceSim.Node;

namespace TanKy.Tests.Shared;

/// <summary>
/// Waits on a node's <see cref="SimulatedNode.Activity"/> instead of sleeping. Subscribes first,
/// then checks whether it is already true: the node changes its state before it raises the
/// activity, so whichever way a race goes, the wait sees it.
/// </summary>
internal static class ActivityWait
{
    /// <returns>The matching activity, or null when <paramref name="alreadyTrue"/> held at the start.</returns>
    public static async Task<NodeActivity?> ForAsync(
        SimulatedNode node, string what, Func<NodeActivity, bool> match, Func<bool> alreadyTrue, TimeSpan timeout, CancellationToken ct)
    {
        var hit = new TaskCompletionSource<NodeActivity>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnActivity(object? sender, NodeActivity activity)
        {
            if (match(activity))
            {
                hit.TrySetResult(activity);
            }
        }

        node.Activity += OnActivity;
        try
        {
            if (alreadyTrue())
            {
                return null;
            }

            return await hit.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.###} s waiting for {what}");
        }
        finally
        {
            node.Activity -= OnActivity;
        }
    }
}
