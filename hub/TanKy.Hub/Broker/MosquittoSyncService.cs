using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

/// <summary>
/// External mode with Broker:External:SyncDirectory: syncs Mosquitto's users and ACL at start
/// (before the hub's own MQTT connection, which may need the credentials the first sync makes),
/// then whenever the registry changes. The CLI changes the registry from another process, so
/// the hub polls a one-query fingerprint every Broker:External:SyncInterval (default 1 s).
/// </summary>
internal sealed class MosquittoSyncService(
    Database db, IOptions<HubOptions> hub, IOptions<BrokerOptions> broker, TimeProvider time, ILogger<MosquittoSyncService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(broker.Value.External.SyncDirectory))
        {
            logger.LogInformation("Broker:External:SyncDirectory is not set: Mosquitto's users and ACL are not synced (run 'tanky-hub broker export-mosquitto-config' after registry changes)");
            return Task.CompletedTask;
        }

        var sync = new MosquittoSync(db, hub.Value, broker.Value, logger);
        Check(sync, first: true);
        _loop = LoopAsync(sync, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task LoopAsync(MosquittoSync sync, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(broker.Value.External.SyncInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Check(sync, first: false);
            }
        }
        catch (OperationCanceledException)
        {
            // The hub is stopping.
        }
    }

    private void Check(MosquittoSync sync, bool first)
    {
        try
        {
            if (first)
            {
                sync.Sync();
            }
            else
            {
                sync.SyncIfChanged();
            }
        }
        catch (Exception ex)
        {
            // A full disk or a wrong directory must not stop the hub; the next check tries again.
            logger.LogError("Could not sync Mosquitto's users and ACL to {Directory}: {Error}", broker.Value.External.SyncDirectory, ex.Message);
        }
    }
}
