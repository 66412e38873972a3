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

    public void Notify(IReadOnlyList<(BroadcastRecord? Record, StreamPlan Plan)> started, IReadOnlyList<(BroadcastRecord Record, string Status)> ended)
    {
        if (started.Count == 0 && ended.Count == 0)
        {
            return;
        }

        foreach (var hook in _hooks.Value)
        {
            try
            {
                foreach (var (record, plan) in started.Where(s => s.Record is not null))
                {
                    hook.OnStreamStarted(record!, plan.Zones, HubClock.FromMicros(plan.PlayoutStartUs));
                }

                foreach (var (record, status) in ended)
                {
                    hook.OnEnded(record, status);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Broadcast lifecycle hook {Hook} failed", hook.GetType().Name);
            }
        }
    }
}
