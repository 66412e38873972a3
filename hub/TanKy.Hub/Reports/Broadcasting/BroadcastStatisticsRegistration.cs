using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TanKy.Hub.Reports.Broadcasting;

public static class BroadcastStatisticsRegistration
{
    /// <summary>Replaces the "no data yet" stand-in with figures from the broadcast and programme history.</summary>
    public static IServiceCollection AddBroadcastStatistics(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IBroadcastStatistics, BroadcastHistoryStatistics>());
        return services;
    }
}
