using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Devices;

/// <summary>
/// Once the hub's MQTT link is first up, republishes every stored desired state (same versions,
/// so devices apply nothing twice). A change stored while the link was down, or a move to an
/// external broker with an empty retained store, therefore still reaches the devices.
/// </summary>
internal sealed class DesiredStateRepublisher(HubMqttConnection? connection, DesiredStateService? desired, ILogger<DesiredStateRepublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connection is null || desired is null)
        {
            return; // a host without the broker feature (some tests): nothing to republish to
        }

        try
        {
            await connection.WaitConnectedAsync(stoppingToken);
            var count = await desired.RepublishAllAsync(stoppingToken);
            logger.LogInformation("Republished {Count} desired states", count);
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException ex)
        {
            logger.LogWarning("Republishing desired states failed: {Reason}", ex.Message);
        }
    }
}
