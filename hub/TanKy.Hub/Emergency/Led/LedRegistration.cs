using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Emergency.Led;

public static class LedRegistration
{
    /// <summary>Options (section <c>Alerts:Led</c>) and <see cref="LedEmergencyDisplay"/>. Needs an <see cref="ILedBoardControl"/> (device control).</summary>
    public static IServiceCollection AddLedHeadlines(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LedOptions>().Bind(config.GetSection(LedOptions.Section)).Validate(o => o.MaxCharacters is >= 8 and <= 1000, "Alerts:Led:MaxCharacters must be 8–1000");
        services.AddSingleton<LedEmergencyDisplay>();
        return services;
    }
}
