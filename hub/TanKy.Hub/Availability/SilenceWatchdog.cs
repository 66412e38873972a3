using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Availability;

/// <summary>
/// Marks a device offline when its telemetry has been silent for N intervals, even when no
/// will arrived (a hung firmware keeps its TCP connection open). Silence is counted from the
/// hub's own start at the earliest, so a restart gives every device a fair chance to speak.
/// </summary>
internal sealed class SilenceWatchdog(
    LiveStatusTable live,
    StatusTransitions transitions,
    TimeProvider time,
    IOptions<HubOptions> options,
    ILogger<SilenceWatchdog> logger) : BackgroundService
{
    private long _startedMs;

    /// <summary>One pass: returns how many devices were marked offline.</summary>
    public int Check()
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var marked = 0;
        foreach (var device in live.All)
        {
            if (device.Status != DeviceStatus.Online)
            {
                continue;
            }

            var interval = device.IntervalSeconds > 0 ? device.IntervalSeconds : options.Value.DefaultTelemetryIntervalSeconds;
            var silentSince = Math.Max(device.LastSeenMs, _startedMs);
            if (nowMs - silentSince > interval * 1000L * options.Value.SilentIntervalsBeforeOffline
                && transitions.Apply(device, DeviceStatus.Offline, "silent", now))
            {
                marked++;
            }
        }

        return marked;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _startedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Check();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Silence check failed; retrying next tick");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
