using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Schedules.Airing;

public static class AiringRegistration
{
    /// <summary>
    /// Settles scheduled airings' history outcomes from the broadcast tables (the player itself is
    /// registered by AddSchedules).
    /// Setting <c>Schedules:OutcomeInterval</c> (default 2 s).
    /// </summary>
    public static IServiceCollection AddProgrammeAiring(this IServiceCollection services, IConfiguration config)
    {
        var interval = config.GetValue("Schedules:OutcomeInterval", TimeSpan.FromSeconds(2));
        if (interval < TimeSpan.FromMilliseconds(50) || interval > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException("Schedules:OutcomeInterval must be 50 ms – 10 min");
        }

        services.AddSingleton(new AiringOutcomeReconcilerOptions(interval));
        services.AddSingleton<AiringOutcomeReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<AiringOutcomeReconciler>());
        return services;
    }
}
