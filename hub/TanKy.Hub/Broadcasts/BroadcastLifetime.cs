using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Broadcasts;

/// <summary>
/// At start, marks broadcasts a previous run left on the air as failed (their streams died with
/// it). At stop — before the MQTT connection closes, since it is registered after it — cuts every
/// stream so nodes get their stop orders instead of waiting for the idle timeout.
/// </summary>
internal sealed class BroadcastLifetime(BroadcastStore store, BroadcastService service, TimeProvider time, ILogger<BroadcastLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var orphans = store.FailOrphans(time.GetUtcNow());
        if (orphans > 0)
        {
            logger.LogWarning("{Count} broadcast(s) were on the air or waiting when the hub last stopped; marked failed", orphans);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await service.StopAllAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Streams still running when the hub stopped; nodes release them after their idle timeout");
        }
    }
}
