using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TanKy.Hub.Availability.Maintenance;
using TanKy.Hub.Broker;

namespace TanKy.Hub.Reports;

public static class ReportsRegistration
{
    /// <summary>
    /// The indicator report (section <c>Reports</c>), maintenance windows and the Wi-Fi rollup.
    /// <see cref="IBroadcastStatistics"/> is only a fallback: a feature that records broadcasts
    /// registers its own implementation, before or after this call.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ReportOptions>().Bind(config.GetSection(ReportOptions.Section));
        services.TryAddSingleton<IBroadcastStatistics, NoBroadcastStatistics>();
        services.AddSingleton<MaintenanceStore>();
        services.AddSingleton<ReportBuilder>();
        services.AddSingleton<WifiUsageRecorder>();
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<WifiUsageRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<WifiUsageRecorder>());
        return services;
    }
}
