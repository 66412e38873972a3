using Microsoft.Extensions.Logging;
using TanKy.Hub.Devices.Control.Bulk;
using TanKy.Hub.Schedules;

namespace TanKy.Hub.Schedules.DeviceActions;

/// <summary>
/// Runs the device actions of the programme files (LED messages, Wi-Fi hours) through the same
/// bulk path as the API and CLI, so a scheduled change is validated, stored and reported alike.
/// </summary>
internal sealed class ProgrammeDeviceActionRunner(BulkService bulk, ILogger<ProgrammeDeviceActionRunner> logger) : IDeviceActionRunner
{
    public async Task RunAsync(ScheduledDeviceAction action, CancellationToken cancellationToken)
    {
        var by = $"schedule:{action.ActionId}";
        foreach (var target in Targets(action))
        {
            try
            {
                var result = await bulk.RunAsync(target, by, cancellationToken);
                logger.LogInformation("Scheduled action {Action} ({Title}): {Succeeded}/{Total} devices applied", action.ActionId, action.Title, result.Succeeded, result.Total);
            }
            catch (Devices.Control.Validation.ControlValidationException ex)
            {
                // The loader validated the file; a device added or re-kinded since can still refuse.
                logger.LogWarning("Scheduled action {Action} refused: {Reason}", action.ActionId, ex.Message);
            }
        }
    }

    private static IEnumerable<DeviceAction> Targets(ScheduledDeviceAction action)
    {
        var t = action.Target;
        if (t.DeviceId is not null)
        {
            return [new DeviceAction { Devices = [t.DeviceId], Set = action.Set.DeepClone().AsObject() }];
        }

        if (t.AllZones)
        {
            return [new DeviceAction { Kind = t.Kind, Set = action.Set.DeepClone().AsObject() }];
        }

        return t.Zones.Select(z => new DeviceAction { Zone = z, Kind = t.Kind, Set = action.Set.DeepClone().AsObject() });
    }
}
