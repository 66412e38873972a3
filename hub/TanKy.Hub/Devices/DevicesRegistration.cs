using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Devices;

public static class DevicesRegistration
{
    /// <param name="config">Section <c>Devices</c>; null (some test hosts): the defaults.</param>
    public static IServiceCollection AddDevices(this IServiceCollection services, IConfiguration? config = null)
    {
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<IDeviceAuthenticator>(sp => sp.GetRequiredService<DeviceRegistry>());
        services.AddSingleton<ZoneRegistry>();
        services.AddSingleton<DeviceImporter>();
        services.AddSingleton<FleetExporter>();
        services.AddSingleton<DesiredStateService>();
        services.AddSingleton<ReportedStateRecorder>();
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<ReportedStateRecorder>());
        services.AddSingleton<TelemetryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryRecorder>());
        var options = services.AddOptions<DevicesOptions>();
        if (config is not null)
        {
            options.Bind(config.GetSection(DevicesOptions.Section));
        }

        options.Validate(o => o.DesiredOutboxPoll > TimeSpan.Zero, "Devices:DesiredOutboxPoll must be positive").ValidateOnStart();
        services.AddHostedService(sp =>
        {
            // Hosts without the broker feature (some tests) have nothing to republish to.
            var connection = sp.GetService<IHubMqttConnections>();
            return new DesiredStateRepublisher(
                connection,
                connection is null ? null : sp.GetRequiredService<DesiredStateService>(),
                sp.GetRequiredService<DeviceRegistry>(),
                sp.GetRequiredService<TanKy.Hub.Shared.Data.Database>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DevicesOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DesiredStateRepublisher>>());
        });
        return services;
    }
}
