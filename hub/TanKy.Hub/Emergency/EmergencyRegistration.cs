using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TanKy.Hub.Broadcasts;

namespace TanKy.Hub.Emergency;

public static class EmergencyRegistration
{
    /// <summary>
    /// The audit (also behind Broadcasts' <see cref="IBroadcastAudit"/>), the guard, and a placeholder <see cref="IEmergencyTrigger"/> that fails loudly
    /// until the broadcast engine registers the real one (register it before or after: TryAdd).
    /// </summary>
    public static IServiceCollection AddEmergencyAlerts(this IServiceCollection services)
    {
        services.TryAddSingleton<IEmergencyTrigger, UnwiredEmergencyTrigger>();
        services.AddSingleton<TriggerAudit>();
        services.AddSingleton<EmergencyGuard>();
        services.AddSingleton<IBroadcastAudit, EmergencyBroadcastAudit>();
        return services;
    }
}
