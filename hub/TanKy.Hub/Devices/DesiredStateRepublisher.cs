using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices;

/// <summary>
/// Publishes the desired-state outbox. Every time the hub's MQTT link comes up (at start and
/// after each reconnection) it republishes every stored desired state (same versions, so devices
/// apply nothing twice): a change stored while the link was down, a move to an external broker
/// with an empty retained store, or an external broker that lost its retained messages in a
/// crash therefore still reaches the devices. Between connections it publishes the rows not yet
/// published: at once when this process's registry wrote them, and every
/// <see cref="DevicesOptions.DesiredOutboxPoll"/> for rows the CLI wrote from another process.
/// At start it gives speakers registered before issue #15 their desired zones.
/// </summary>
internal sealed class DesiredStateRepublisher(
    IHubMqttConnections? connection,
    DesiredStateService? desired,
    DeviceRegistry registry,
    Database db,
    IOptions<DevicesOptions> options,
    TimeProvider time,
    ILogger<DesiredStateRepublisher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var upgraded = DesiredStateStore.BackfillSpeakerZones(db, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (upgraded > 0)
        {
            logger.LogInformation("Gave {Count} speakers their registry zones as desired zones", upgraded);
        }

        if (connection is null || desired is null)
        {
            return; // a host without the broker feature (some tests): nothing to publish to
        }

        registry.DesiredWritten += OnDesiredWritten;
        try
        {
            await Task.WhenAll(RepublishOnConnectAsync(connection, desired, stoppingToken), PollAsync(desired, stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            registry.DesiredWritten -= OnDesiredWritten;
        }
    }

    private async Task RepublishOnConnectAsync(IHubMqttConnections link, DesiredStateService service, CancellationToken ct)
    {
        var done = 0L;
        while (!ct.IsCancellationRequested)
        {
            await link.WaitNextConnectionAsync(done, ct);
            done = link.Generation;
            try
            {
                var count = await service.RepublishAllAsync(ct);
                logger.LogInformation("Republished {Count} desired states (connection {Generation})", count, done);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The link dropped again mid-way: the next connection republishes everything.
                logger.LogWarning("Republishing desired states failed: {Reason}", ex.Message);
            }
        }
    }

    private async Task PollAsync(DesiredStateService service, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                await Task.WhenAny(Task.Delay(options.Value.DesiredOutboxPoll, time, tick.Token), _wake.WaitAsync(tick.Token));
                await tick.CancelAsync();
            }

            ct.ThrowIfCancellationRequested();
            try
            {
                var count = await service.PublishPendingAsync(null, ct);
                if (count > 0)
                {
                    logger.LogInformation("Published {Count} new desired states", count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The link or the database hiccuped: the rows stay pending for the next round.
                logger.LogWarning("Publishing new desired states failed: {Reason}", ex.Message);
            }
        }
    }

    private void OnDesiredWritten(object? sender, EventArgs e)
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one round publishes every pending row.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
