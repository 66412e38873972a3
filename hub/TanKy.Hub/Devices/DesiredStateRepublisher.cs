using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Devices;

/// <summary>
/// Every time the hub's MQTT link comes up (at start and after each reconnection), republishes
/// every stored desired state (same versions, so devices apply nothing twice). A change stored
/// while the link was down, a move to an external broker with an empty retained store, or an
/// external broker that lost its retained messages in a crash therefore still reaches the devices.
/// </summary>
internal sealed class DesiredStateRepublisher(IHubMqttConnections? connection, DesiredStateService? desired, ILogger<DesiredStateRepublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connection is null || desired is null)
        {
            return; // a host without the broker feature (some tests): nothing to republish to
        }

        var done = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await connection.WaitNextConnectionAsync(done, stoppingToken);
                done = connection.Generation;
                try
                {
                    var count = await desired.RepublishAllAsync(stoppingToken);
                    logger.LogInformation("Republished {Count} desired states (connection {Generation})", count, done);
                }
                catch (InvalidOperationException ex)
                {
                    // The link dropped again mid-way: the next connection republishes everything.
                    logger.LogWarning("Republishing desired states failed: {Reason}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
