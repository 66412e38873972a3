using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Media;

public static class MediaRegistration
{
    /// <summary>Options (section <c>Media</c>), the <see cref="MediaLibrary"/>, and its start-up clean-up.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MediaOptions>()
            .Bind(config.GetSection(MediaOptions.Section))
            .Validate(o => o.Problems().Count == 0, "invalid Media settings: see MediaOptions.Problems()")
            .ValidateOnStart();
        services.AddSingleton<MediaLibrary>();
        services.AddSingleton<MediaImportJobs>();
        services.AddSingleton<Broadcasts.Sources.IMediaPackets, LibraryMediaPackets>();
        services.AddHostedService<MediaStartupCleanup>();
        return services;
    }
}
