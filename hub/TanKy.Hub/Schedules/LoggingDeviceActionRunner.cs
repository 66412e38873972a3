using Microsoft.Extensions.Logging;

namespace TanKy.Hub.Schedules;

/// <summary>Stand-in until device control registers its runner: logs each scheduled action.</summary>
internal sealed class LoggingDeviceActionRunner(ILogger<LoggingDeviceActionRunner> log) : IDeviceActionRunner
{
    public Task RunAsync(ScheduledDeviceAction action, CancellationToken cancellationToken)
    {
        log.LogWarning("No device action runner is registered: action {Action} ({Set}) is only logged", action.ActionId, action.Set.ToJsonString());
        return Task.CompletedTask;
    }
}
