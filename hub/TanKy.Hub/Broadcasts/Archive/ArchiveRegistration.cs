using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TanKy.Hub.Broadcasts.Archive;

public static class ArchiveRegistration
{
    /// <summary>Registers <see cref="IBroadcastArchive"/> and the retention service. Needs <c>AddStorage</c>.</summary>
    public static IServiceCollection AddArchive(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<ArchiveOptions>()
            .Bind(config.GetSection(ArchiveOptions.Section))
            .Validate(o => o.RetentionDays >= 1, "Archive:RetentionDays must be at least 1")
            .Validate(o => o.MaxTotalBytes is null or > 0, "Archive:MaxTotalBytes must be positive when set")
            .Validate(o => o.RetentionInterval >= TimeSpan.FromMinutes(1), "Archive:RetentionInterval must be at least one minute")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BroadcastArchive>();
        services.AddSingleton<IBroadcastArchive>(sp => sp.GetRequiredService<BroadcastArchive>());
        services.AddSingleton<ArchiveRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ArchiveRetention>());
        return services;
    }
}
