using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TanKy.Hub.Emergency.Led;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Media.Speech;

namespace TanKy.Hub.Emergency.Engine;

public static class EmergencyEngineRegistration
{
    /// <summary>
    /// The real <see cref="IEmergencyTrigger"/> on the broadcast service (register before
    /// AddEmergencyAlerts, whose placeholder is only for hosts without broadcasts), the LED boards through device control, and the lifecycle hooks
    /// (LED headlines). Needs AddBroadcasts and AddDeviceControl;
    /// uses AddSpeech, AddLedHeadlines and AddGatewayHardware when they are registered.
    /// </summary>
    public static IServiceCollection AddEmergencyEngine(this IServiceCollection services)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BroadcastEmergencyTrigger>(sp,
            [.. Optional<SpeechMedia>(sp)]));
        services.AddSingleton<IEmergencyTrigger>(sp => sp.GetRequiredService<BroadcastEmergencyTrigger>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EmergencyContent>(sp, [.. Optional<SpeechMedia>(sp)]));
        services.TryAddSingleton<ILedBoardControl, DeviceLedBoards>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EmergencyHeadlines>(sp,
            [.. Optional<LedEmergencyDisplay>(sp)]));
        services.AddSingleton<IBroadcastLifecycle>(sp => sp.GetRequiredService<EmergencyHeadlines>());
        return services;
    }

    private static object[] Optional<T>(IServiceProvider sp) where T : class => sp.GetService<T>() is { } t ? [t] : [];
}
