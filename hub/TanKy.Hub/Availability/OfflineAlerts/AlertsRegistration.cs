using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Availability.OfflineAlerts;

public static class AlertsRegistration
{
    /// <summary>Availability alerts (section <c>Alerts</c>): monitor, store, and the log, MQTT and webhook notifiers.</summary>
    public static IServiceCollection AddAvailabilityAlerts(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AlertOptions>().Bind(config.GetSection(AlertOptions.Section));
        services.AddSingleton<AlertStore>();
        services.AddSingleton<IAlertNotifier, LogAlertNotifier>();
        services.AddSingleton<MqttAlertPublisher>();
        services.AddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<MqttAlertPublisher>());
        services.AddSingleton<WebhookAlertSender>();
        services.AddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<WebhookAlertSender>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookAlertSender>());
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());
        return services;
    }
}
