using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>
/// Runs scheduled bulk actions when their time comes, on the injected <see cref="TimeProvider"/>.
/// An action whose time passed while the hub was down runs once at start (a Wi-Fi that should
/// be off is switched off late rather than never).
/// </summary>
internal sealed class ScheduledActionRunner(ScheduledActionStore store, BulkService bulk, IOptions<ControlOptions> options, TimeProvider time, ILogger<ScheduledActionRunner> logger) : BackgroundService
{
    /// <summary>Runs every action that is due now. Returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var n = 0;
        while (store.ClaimNextDue() is { } due)
        {
            n++;
            try
            {
                var result = await bulk.RunAsync(due.Action, due.CreatedBy, cancellationToken);
                store.Finish(due.Id, result);
                logger.LogInformation("Scheduled action {Id} ran: {Outcome} ({Succeeded}/{Total})", due.Id, result.Outcome, result.Succeeded, result.Total);
            }
            catch (ControlValidationException ex)
            {
                // The registry changed since it was scheduled (device removed, zone emptied). The
                // list says so in the reader's language; the field reasons (English) go to the log.
                store.Fail(due.Id, new TextMessage("rules2.bulk.scheduled-invalid").Encode());
                logger.LogWarning("Scheduled action {Id} is no longer valid: {Reason}", due.Id, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never leave it "running": a failed action is on record, the next ones still run.
                store.Fail(due.Id, new TextMessage("rules2.bulk.scheduled-failed").Encode());
                logger.LogError(ex, "Scheduled action {Id} failed", due.Id);
            }
        }

        return n;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        store.RequeueInterrupted();
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                try
                {
                    await RunDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Running scheduled device actions failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
