using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Devices.Control.Commands;

/// <summary>The hub-side timeout: a device that never answers still gives the command an outcome.</summary>
internal sealed class CommandTimeoutMonitor(CommandLedger commands, IOptions<ControlOptions> options, TimeProvider time, ILogger<CommandTimeoutMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    commands.SweepTimeouts();
                }
                catch (Exception ex)
                {
                    // A failed sweep is retried on the next tick; the hub keeps running.
                    logger.LogError(ex, "Sweeping command timeouts failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
