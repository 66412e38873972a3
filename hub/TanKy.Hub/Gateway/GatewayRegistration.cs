using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Gateway.I2c;

namespace TanKy.Hub.Gateway;

public static class GatewayRegistration
{
    public static IServiceCollection AddGatewaySensors(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<GatewayOptions>().Bind(config.GetSection(GatewayOptions.Section));
        services.AddSingleton<II2cBus>(sp =>
        {
            var sensors = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Sensors;
            return sensors.IsSimulated(sensors.BusId) ? new SimulatedI2cBus(sensors) : new HardwareI2cBus(sensors.BusId);
        });
        services.AddSingleton<GatewayAlertMonitor>();
        services.AddSingleton<GatewaySensorService>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewaySensorService>());
        return services;
    }
}
