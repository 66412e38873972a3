using TanKy.Hub.Devices;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Availability;

public static class AvailabilityRegistration
{
    public static IServiceCollection AddAvailability(this IServiceCollection services)
    {
        services.AddSingleton<HubRunRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HubRunRecorder>());
        services.AddSingleton<LiveStatusTable>();
        services.AddSingleton<IDevicePresence>(sp => sp.GetRequiredService<LiveStatusTable>());
        services.AddSingleton<StatusTransitions>();
        services.AddSingleton<DeviceStatusTracker>();
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<DeviceStatusTracker>());
        services.AddSingleton<SilenceWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<SilenceWatchdog>());
        services.AddHostedService<FleetStatusLogger>();
        return services;
    }
}
