using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Broadcasts.Relay;

public static class RelayAiringRegistration
{
    /// <summary>
    /// The airing side of relays: <see cref="RelayOptions"/> (section <c>Relay</c>), the relays on the
    /// air and the hub-wide <see cref="RelayTotals"/>. Called by <c>AddBroadcasts</c>. The source
    /// registry (<see cref="IRelaySources"/>) and the feed factory (<see cref="IPcmFeedFactory"/>) are
    /// registered by the sources part, in any order; without them relay requests are refused.
    /// </summary>
    public static IServiceCollection AddRelayAiring(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RelayOptions>()
            .Bind(config.GetSection(RelayOptions.Section))
            .Validate(o => o.TargetLufs is < 0 and > -70, "Relay:TargetLufs must be in (−70, 0)")
            .Validate(o => o.PeakCeilingDbfs is <= 0 and > -20, "Relay:PeakCeilingDbfs must be in (−20, 0]")
            .Validate(o => o.MaxGainDb is >= 0 and <= 40, "Relay:MaxGainDb must be 0–40")
            .Validate(o => o.GateLufs is < 0 and >= -70, "Relay:GateLufs must be in [−70, 0)")
            .Validate(o => o.FallbackAfter >= TimeSpan.Zero && o.ReturnAfter >= TimeSpan.Zero && o.DropoutMinimum >= TimeSpan.Zero && o.FallbackGap >= TimeSpan.Zero, "Relay: times must not be negative")
            .Validate(o => o.Slack >= TimeSpan.Zero && o.Slack <= TimeSpan.FromSeconds(1), "Relay:Slack must be 0–1 s")
            .ValidateOnStart();
        services.AddSingleton<RelayTotals>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RelayBroadcasts>(sp));
        services.AddSingleton<IRelayAirings>(sp => sp.GetRequiredService<RelayBroadcasts>());
        return services;
    }
}
