using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broadcasts.Relay.Sources;

public static class RelaySourcesRegistration
{
    /// <summary>
    /// Registers the relay sources registry (<see cref="IRelaySources"/>, <see cref="RelaySourceStore"/>),
    /// the source check and <see cref="IPcmFeedFactory"/> (ffmpeg), with <see cref="RelaySourceOptions"/>
    /// (section <c>RelaySources</c>). The feed factory is added with TryAdd: a test host that
    /// registers a generated-signal factory first keeps it.
    /// </summary>
    public static IServiceCollection AddRelaySources(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<RelaySourceOptions>()
            .Bind(config.GetSection(RelaySourceOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.FfmpegPath), "RelaySources:FfmpegPath must name the ffmpeg program")
            .Validate(o => o.StallSeconds is >= 1 and <= 120, "RelaySources:StallSeconds must be 1–120")
            .Validate(o => o.InitialBackoffSeconds is >= 0.05 and <= 60, "RelaySources:InitialBackoffSeconds must be 0.05–60")
            .Validate(o => o.MaxBackoffSeconds >= o.InitialBackoffSeconds && o.MaxBackoffSeconds <= 600, "RelaySources:MaxBackoffSeconds must be InitialBackoffSeconds–600")
            .Validate(o => o.FrameSlackMs is >= 0 and <= 100, "RelaySources:FrameSlackMs must be 0–100 (a reader must never wait much longer than a frame)")
            .Validate(o => o.BufferSeconds is >= 0.1 and <= 5, "RelaySources:BufferSeconds must be 0.1–5")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RelaySourceStore(sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRelaySources>(sp => sp.GetRequiredService<RelaySourceStore>());
        services.AddSingleton(sp => new RelaySourceChecker(sp.GetRequiredService<IOptions<RelaySourceOptions>>().Value));
        services.TryAddSingleton<IPcmFeedFactory>(sp => ActivatorUtilities.CreateInstance<FfmpegPcmFeedFactory>(sp));
        return services;
    }
}
