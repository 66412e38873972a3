using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Snapshots;

/// <summary>
/// Automatic camera snapshots, kept by the hub: when a camera's interval has passed, the hub sends
/// it the same <c>snapshot</c> command as the console's button, so the upload stays an answer to
/// a pending command (protocol.md §4.9.3) and no camera needs anything new. A camera that is offline
/// is skipped and asked as soon as it is back; while its last snapshot is still pending, none is added.
/// </summary>
public sealed class SnapshotScheduler(
    SnapshotScheduleStore schedules,
    CommandService commands,
    DeviceRegistry registry,
    IDevicePresence presence,
    IOptions<ControlOptions> options,
    TimeProvider time,
    ILogger<SnapshotScheduler> logger) : BackgroundService
{
    /// <summary>Who the commands are issued by, as the command list shows it.</summary>
    public const string IssuedBy = "hub:auto-snapshot";

    /// <summary>Sends every snapshot that is due now. Returns how many were sent.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        foreach (var schedule in schedules.List())
        {
            if (time.GetUtcNow() < schedule.DueAt || !Ready(schedule))
            {
                continue;
            }

            try
            {
                var command = await commands.IssueAsync(schedule.DeviceId, CommandCatalog.Snapshot, null, null, IssuedBy, cancellationToken);
                schedules.MarkIssued(schedule.DeviceId, command.Id, command.IssuedAt);
                logger.LogInformation("Automatic snapshot {CommandId} requested from {DeviceId} (every {Minutes} min)", command.Id, schedule.DeviceId, schedule.EveryMinutes);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One camera's failure (removed meanwhile, kind changed) must not stop the others.
                logger.LogWarning(ex, "Automatic snapshot for {DeviceId} not sent", schedule.DeviceId);
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SnapshotScheduleTick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed round (database busy) is retried on the next tick; the hub keeps running.
                    logger.LogError(ex, "Automatic snapshot round failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private bool Ready(SnapshotSchedule schedule)
    {
        var device = registry.Get(schedule.DeviceId);
        if (device is null || device.Kind != DeviceKind.Camera || !device.Capabilities.Contains(CommandCatalog.Snapshot, StringComparer.Ordinal))
        {
            logger.LogDebug("Automatic snapshot for {DeviceId} waits: no camera with the snapshot capability (yet)", schedule.DeviceId);
            return false;
        }

        if (!presence.IsOnline(schedule.DeviceId))
        {
            logger.LogDebug("Automatic snapshot for {DeviceId} waits: the camera is offline", schedule.DeviceId);
            return false;
        }

        if (schedule.LastCommandId is { } last && commands.Get(last)?.Status == CommandStatus.Pending)
        {
            logger.LogDebug("Automatic snapshot for {DeviceId} waits: {CommandId} is still pending", schedule.DeviceId, last);
            return false;
        }

        return true;
    }
}
