using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TanKy.Hub.Gateway.Speaker;

public static class GatewaySpeakerRegistration
{
    /// <summary>Options (section <c>Gateway:Speaker</c>) and the hosted node process. Needs AddDevices and AddBroker.</summary>
    public static IServiceCollection AddGatewaySpeaker(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<GatewaySpeakerOptions>()
            .Bind(config.GetSection(GatewaySpeakerOptions.Section))
            .Validate(o => !o.Enabled || (o.Zone.Length > 0 && o.DeviceId.Length > 0), "Gateway:Speaker: DeviceId and Zone are required when Enabled")
            .Validate(o => !o.Enabled || o.HasValidOutput, "Gateway:Speaker:Output must be 'aplay' or 'wav:DIR'")
            .Validate(o => o.RestartDelay >= TimeSpan.Zero && o.StopTimeout > TimeSpan.Zero, "Gateway:Speaker: RestartDelay ≥ 0 and StopTimeout > 0")
            .ValidateOnStart();
        services.AddSingleton<GatewaySpeakerService>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewaySpeakerService>());
        return services;
    }
}
