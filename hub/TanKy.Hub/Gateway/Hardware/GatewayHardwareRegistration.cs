using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Gateway.Hardware;

public static class GatewayHardwareRegistration
{
    /// <summary>
    /// Options (section <c>Gateway:Hardware</c>), the GPIO controller (real or simulated), the
    /// status LED and amplifier relay (following broadcasts) and the emergency button (hosted). Needs AddEmergencyAlerts.
    /// </summary>
    public static IServiceCollection AddGatewayHardware(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<GatewayHardwareOptions>()
            .Bind(config.GetSection(GatewayHardwareOptions.Section))
            .Validate(o => o.Button.HoldTime >= TimeSpan.FromMilliseconds(500) && o.Button.Debounce >= TimeSpan.Zero && o.Button.Debounce < o.Button.HoldTime, "Gateway:Hardware:Button: HoldTime ≥ 0.5 s and Debounce < HoldTime")
            .Validate(o => o.Relay.PreRoll >= TimeSpan.Zero && o.Relay.HangTime >= TimeSpan.Zero, "Gateway:Hardware:Relay: PreRoll and HangTime must not be negative")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<GatewayHardwareOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            return o.Enabled ? GatewayGpio.Open(o, time, sp.GetRequiredService<ILogger<GatewayGpio>>()) : GatewayGpio.Simulate(time);
        });
        services.AddSingleton<StatusLed>();
        services.AddSingleton<AmplifierRelay>();
        services.AddSingleton<IAmplifierRelay>(sp => sp.GetRequiredService<AmplifierRelay>());
        services.AddSingleton<GatewayBroadcastOutputs>();
        services.AddSingleton<Broadcasts.IBroadcastLifecycle>(sp => sp.GetRequiredService<GatewayBroadcastOutputs>());
        services.AddSingleton<EmergencyButton>();
        services.AddHostedService(sp => sp.GetRequiredService<EmergencyButton>());
        return services;
    }
}
