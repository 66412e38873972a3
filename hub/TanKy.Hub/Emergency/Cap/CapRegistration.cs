using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Emergency.Cap;

public static class CapRegistration
{
    /// <summary>
    /// CAP intake: options (section <c>Alerts:Cap</c>), the store, the intake service and the
    /// folder watcher. Needs AddEmergencyAlerts, AddDevices and (for speech) AddSpeech.
    /// Map the HTTP endpoints with <see cref="CapEndpoints.MapCapEndpoints"/>.
    /// </summary>
    public static IServiceCollection AddCapIntake(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CapOptions>()
            .Bind(config.GetSection(CapOptions.Section))
            .Validate(o => o.MaxBytes is > 0 and <= 4 * 1024 * 1024 && o.ScanInterval > TimeSpan.Zero && o.Repeat >= 1, "invalid Alerts:Cap settings")
            .ValidateOnStart();
        services.AddSingleton<CapAlertStore>();
        services.AddSingleton(sp => new CapAlertLog(sp.GetRequiredService<CapAlertStore>()));
        services.AddSingleton<CapSenderStore>();
        services.AddSingleton<CapSenderAuthenticator>();
        services.AddSingleton<CapIntakeService>();
        services.AddSingleton<CapFolderWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CapFolderWatcher>());
        return services;
    }
}
