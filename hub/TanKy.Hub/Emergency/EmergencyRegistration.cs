using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TanKy.Hub.Emergency;

public static class EmergencyRegistration
{
    /// <summary>
    /// The audit, the guard, and a placeholder <see cref="IEmergencyTrigger"/> that fails loudly
    /// until the broadcast engine registers the real one (register it before or after: TryAdd).
    /// </summary>
    public static IServiceCollection AddEmergencyAlerts(this IServiceCollection services)
    {
        services.TryAddSingleton<IEmergencyTrigger, UnwiredEmergencyTrigger>();
        services.AddSingleton<TriggerAudit>();
        services.AddSingleton<EmergencyGuard>();
        return services;
    }
}
