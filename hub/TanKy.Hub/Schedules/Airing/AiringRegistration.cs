using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Schedules.Airing;

public static class AiringRegistration
{
    /// <summary>
    /// Settles scheduled airings' history outcomes from the broadcast tables (the player itself is
    /// registered by AddSchedules).
    /// Setting <c>Schedules:OutcomeInterval</c> (default 2 s, 50 ms – 10 min): an invalid value stops the start.
    /// </summary>
    public static IServiceCollection AddProgrammeAiring(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AiringOutcomeReconcilerOptions>()
            .Bind(config.GetSection(AiringOutcomeReconcilerOptions.Section))
            .Validate(o => o.IsValid, AiringOutcomeReconcilerOptions.RangeProblem)
            .ValidateOnStart();
        services.AddSingleton<AiringOutcomeReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<AiringOutcomeReconciler>());
        return services;
    }
}
