using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>Writes every opened and closed alert to the log.</summary>
internal sealed class LogAlertNotifier(ILogger<LogAlertNotifier> logger) : IAlertNotifier
{
    public Task NotifyAsync(IReadOnlyList<AlertChange> changes, IReadOnlyList<Alert> open, CancellationToken cancellationToken)
    {
        foreach (var (alert, opened) in changes)
        {
            if (opened)
            {
                logger.LogWarning("Alert {AlertId} opened: {Kind} {DeviceId} in {Zones} offline since {OfflineSince:u} ({Open} open)",
                    alert.Id, alert.Kind, alert.DeviceId, string.Join(",", alert.Zones), alert.OfflineSince, open.Count);
            }
            else
            {
                logger.LogInformation("Alert {AlertId} closed ({Reason}): {DeviceId} after {Minutes:0.#} min offline ({Open} open)",
                    alert.Id, alert.CloseReason, alert.DeviceId, (alert.ClosedAt!.Value - alert.OfflineSince).TotalMinutes, open.Count);
            }
        }

        return Task.CompletedTask;
    }
}
