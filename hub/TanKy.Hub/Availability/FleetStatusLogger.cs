using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Availability;

/// <summary>Logs the fleet status line every <see cref="HubOptions.StatusLogInterval"/> (default one minute).</summary>
internal sealed class FleetStatusLogger(LiveStatusTable live, TimeProvider time, IOptions<HubOptions> options, ILogger<FleetStatusLogger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StatusLogInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                live.Refresh(); // devices added or removed with the CLI show up here
                logger.LogInformation("Status: {StatusLine}", FleetStatusLine.Build(live.All));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
