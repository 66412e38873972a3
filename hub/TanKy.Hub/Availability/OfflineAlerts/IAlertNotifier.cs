namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary>One way of telling people about alerts. Must return quickly: slow work goes to its own queue.</summary>
internal interface IAlertNotifier
{
    /// <summary>Called after every check with the changes (possibly none) and the open alerts.</summary>
    Task NotifyAsync(IReadOnlyList<AlertChange> changes, IReadOnlyList<Alert> open, CancellationToken cancellationToken);
}
