using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broker;

public static class BrokerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BrokerOptions"/> (section <c>Broker</c>), the embedded broker and its
    /// bound address <see cref="IBrokerAddress"/> (Embedded mode only) and the hub's MQTT connection
    /// as <see cref="IHubMqtt"/>. Expects the host to register Database, <c>IOptions&lt;HubOptions&gt;</c>,
    /// TimeProvider and IDeviceAuthenticator; registers HubMetrics. The broker is registered before the connection so it stops after it.
    /// </summary>
    public static IServiceCollection AddBroker(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(BrokerOptions.Section);
        services.TryAddSingleton<HubMetrics>();
        services.TryAddSingleton<DeviceFloodAlerts>();
        services.AddOptions<BrokerOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>());

        // Start-up composition, not a settings read: the mode decides which services exist (the
        // embedded broker is a hosted service and IBrokerAddress/IBrokerStatistics exist only in
        // Embedded mode), and the host's service list is fixed before any options are resolved.
        // Every other broker setting is read through IOptions<BrokerOptions> (validated on start).
        var mode = section.GetValue<BrokerMode?>(nameof(BrokerOptions.Mode)) ?? BrokerMode.Embedded;
        if (mode == BrokerMode.Embedded)
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IBrokerEndpoint>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddSingleton<IBrokerAddress>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddSingleton<IBrokerStatistics>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }
        else
        {
            services.AddSingleton<IBrokerEndpoint, ExternalBrokerEndpoint>();

            // Before the hub's connection: its first sync may write the hub's credentials.
            services.AddHostedService<MosquittoSyncService>();
        }

        services.AddSingleton<HubMqttConnection>();
        services.AddSingleton<IHubMqtt>(sp => sp.GetRequiredService<HubMqttConnection>());
        services.AddSingleton<IHubMqttConnections>(sp => sp.GetRequiredService<HubMqttConnection>());
        services.AddHostedService(sp => sp.GetRequiredService<HubMqttConnection>());
        return services;
    }
}
