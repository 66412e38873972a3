using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Shared.Data;

/// <summary>
/// A background writer that flushes what it queued every <see cref="FlushInterval"/> and once
/// more at shutdown. Batching keeps SD-card wear down (few fsyncs, not few bytes); a failed
/// batch is logged, never allowed to stop the hub.
/// </summary>
public abstract class BatchWriter(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Every 5 minutes by default: see <see cref="HubOptions.TelemetryFlushInterval"/> for why.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Writes everything queued so far in one transaction; returns the rows written.</summary>
    public abstract int Flush();

    /// <summary>What is lost when a flush fails, for the log line.</summary>
    protected abstract string What { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SafeFlush();
            }
        }
        catch (OperationCanceledException)
        {
        }

        SafeFlush(); // at shutdown: nothing received is left behind
    }

    private void SafeFlush()
    {
        try
        {
            Flush();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Writing {What} failed", What);
        }
    }
}
