using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Broadcasts.Clock;
using TanKy.Hub.Broadcasts.Delivery;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Broadcasts.Streaming;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Broadcasts;

public static class BroadcastsRegistration
{
    /// <summary>
    /// Registers <see cref="IBroadcastService"/>, the <see cref="ZoneArbiter"/>, the time
    /// responder and the delivery tracker (both <see cref="IDeviceMessageHandler"/>), and
    /// <see cref="BroadcastOptions"/> (section <c>Broadcasts</c>). Needs storage, devices,
    /// availability, the archive and the broker; register after the broker so streams stop
    /// (with their stop orders) before the MQTT connection closes. <see cref="IMediaPackets"/>
    /// defaults to "no media" until the media library registers its own.
    /// </summary>
    public static IServiceCollection AddBroadcasts(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<BroadcastOptions>()
            .Bind(config.GetSection(BroadcastOptions.Section))
            .Validate(o => o.LeadMs is >= 20 and <= 5000, "Broadcasts:LeadMs must be 20–5000 (nodes drop frames more than 10 s ahead)")
            .Validate(o => o.FramesPerMessage is >= 1 and <= 16, "Broadcasts:FramesPerMessage must be 1–16 (protocol.md §8.1.1)")
            .Validate(o => o.StopRepeat is >= 1 and <= 5, "Broadcasts:StopRepeat must be 1–5")
            .Validate(o => o.StopRepeatIntervalMs is >= 0 and <= 10_000, "Broadcasts:StopRepeatIntervalMs must be 0–10000")
            .Validate(o => o.StopGraceMs is >= 0 and <= 5_000, "Broadcasts:StopGraceMs must be 0–5000")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMediaPackets, NoMediaPackets>();
        services.AddSingleton<HubClock>();
        services.AddSingleton(sp => new ZoneArbiter(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<BroadcastOptions>>().Value.Lead));
        services.AddSingleton(sp => new BroadcastStore(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp => new DeliveryStore(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp => new DeliveryReporter(sp.GetRequiredService<DeliveryStore>(), () => sp.GetRequiredService<HubClock>().NowMicros));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DeliveryTargets>(sp));
        services.AddSingleton(sp => new History.BroadcastHistory(sp.GetRequiredService<Database>(), sp.GetRequiredService<Archive.IBroadcastArchive>()));
        services.AddSingleton(sp => new BroadcastValidator(sp.GetRequiredService<Devices.ZoneRegistry>(), sp.GetRequiredService<IMediaPackets>(), sp.GetService<Relay.IRelaySources>()));
        services.AddRelayAiring(config);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StreamContext>(sp));
        services.AddSingleton(sp => new BroadcastService(
            sp.GetRequiredService<ZoneArbiter>(),
            sp.GetRequiredService<BroadcastStore>(),
            sp.GetRequiredService<DeliveryReporter>(),
            sp.GetRequiredService<BroadcastValidator>(),
            sp.GetRequiredService<DeliveryTargets>(),
            sp.GetRequiredService<StreamContext>(),
            sp.GetRequiredService<ILogger<BroadcastService>>(),
            () => sp.GetServices<IBroadcastLifecycle>(),
            sp.GetRequiredService<Relay.RelayBroadcasts>()));
        services.AddSingleton<IBroadcastService>(sp => sp.GetRequiredService<BroadcastService>());
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<BroadcastLifetime>(sp));

        services.AddSingleton(sp => new TimeSyncResponder(
            new DeferredHubMqtt(sp),
            sp.GetRequiredService<HubClock>(),
            sp.GetRequiredService<IOptions<HubOptions>>(),
            sp.GetRequiredService<ILogger<TimeSyncResponder>>()));
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<TimeSyncResponder>());
        services.AddSingleton(sp => new DeliveryTracker(
            sp.GetRequiredService<DeliveryStore>(),
            sp.GetRequiredService<Devices.DeviceRegistry>(),
            sp.GetRequiredService<ILogger<DeliveryTracker>>()));
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<DeliveryTracker>());
        return services;
    }
}
