namespace TanKy.Hub.Schedules;

/// <summary>
/// Applies a scheduled device action (LED text, Wi-Fi hours…). Device control implements it
/// with its desired-state and bulk-action services; the scheduler only says what and when.
/// </summary>
internal interface IDeviceActionRunner
{
    Task RunAsync(ScheduledDeviceAction action, CancellationToken cancellationToken);
}
