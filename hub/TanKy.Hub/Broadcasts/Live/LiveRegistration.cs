using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Broadcasts.Live;

public static class LiveRegistration
{
    /// <summary>Options (section <c>Live</c>) and the live-voice sessions. The emergency feature maps its endpoint; needs AddBroadcasts and AddEmergencyAlerts.</summary>
    public static IServiceCollection AddLiveBroadcasts(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LiveOptions>()
            .Bind(config.GetSection(LiveOptions.Section))
            .Validate(o => o.MaxDuration > TimeSpan.Zero && o.HelloTimeout > TimeSpan.Zero && o.IdleTimeout > TimeSpan.Zero, "Live:MaxDuration, Live:HelloTimeout and Live:IdleTimeout must be positive")
            .Validate(o => LivePcmEncoder.Rates.Contains(o.Arecord.Rate), "Live:Arecord:Rate must be 8000, 16000 or 48000")
            .ValidateOnStart();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LiveSessions>(sp));
        services.AddSingleton<ArecordLiveSource>();
        return services;
    }
}
