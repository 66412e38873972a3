using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices.Control.Bulk;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Snapshots;

namespace TanKy.Hub.Devices.Control;

public static class DeviceControlRegistration
{
    /// <summary>Desired-state control, commands, bulk and scheduled actions, snapshots, device alerts, and the gateway's own sensors.</summary>
    public static IServiceCollection AddDeviceControl(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ControlOptions>().Bind(config.GetSection(ControlOptions.Section));
        services.AddSingleton<DeviceControlService>();
        services.AddSingleton<DeviceStateReader>();
        services.AddSingleton<DeviceAlertRecorder>();
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<DeviceAlertRecorder>());

        services.AddSingleton<SnapshotAddress>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<CommandLedger>();
        services.AddSingleton<CommandService>();
        services.AddSingleton<CommandReplyHandler>();
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<CommandReplyHandler>());
        services.AddHostedService<CommandTimeoutMonitor>();
        services.AddSingleton<SnapshotScheduleStore>();
        services.AddSingleton<SnapshotScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotScheduler>());

        services.AddSingleton<CommuneClock>();
        services.AddSingleton<BulkService>();
        services.AddSingleton<ScheduledActionStore>();
        services.AddSingleton<ScheduledActionRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduledActionRunner>());
        return services;
    }
}
