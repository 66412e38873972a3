using Microsoft.Extensions.Logging;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broadcasts.Streaming;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// Tells every <see cref="IBroadcastLifecycle"/> about streams that went on the air and broadcasts
/// that ended. The hooks are resolved on first use (they may depend on services that depend on
/// the broadcast service); one failing hook is logged and does not stop the others.
/// </summary>
internal sealed class BroadcastLifecycleHooks(Func<IEnumerable<IBroadcastLifecycle>>? resolve, ILogger logger)
{
    private readonly Lazy<IReadOnlyList<IBroadcastLifecycle>> _hooks = new(() => [.. resolve?.Invoke() ?? []]);

    /// <summary>Tells every hook about <paramref name="events"/>, in their order.</summary>
    public void Notify(IReadOnlyList<LifecycleEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var hook in _hooks.Value)
        {
            foreach (var e in events)
            {
                try
                {
                    if (e.Status is { } status)
                    {
                        hook.OnEnded(e.Record, status);
                    }
                    else
                    {
                        hook.OnStreamStarted(e.Record, e.Plan!.Zones, HubClock.FromMicros(e.Plan.PlayoutStartUs));
                    }
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Broadcast lifecycle hook {Hook} failed on {BroadcastId}", hook.GetType().Name, e.Record.Id);
                }
            }
        }
    }
}

/// <summary>A stream went on the air (<see cref="Plan"/>) or a broadcast ended (<see cref="Status"/>).</summary>
internal sealed record LifecycleEvent(BroadcastRecord Record, StreamPlan? Plan, string? Status)
{
    public static LifecycleEvent Started(BroadcastRecord record, StreamPlan plan) => new(record, plan, null);

    public static LifecycleEvent Ended(BroadcastRecord record, string status) => new(record, null, status);
}
