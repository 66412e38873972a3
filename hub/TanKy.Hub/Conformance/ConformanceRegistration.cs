using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Broker;
using TanKy.Hub.Conformance.Clauses;
using TanKy.Hub.Conformance.Run;
using TanKy.Hub.Conformance.Tap;

namespace TanKy.Hub.Conformance;

public static class ConformanceRegistration
{
    /// <summary>
    /// The conformance kit (<see cref="ConformanceOptions"/>, section <c>Conformance</c>): its tap on
    /// device messages and the runner behind <c>POST /api/v1/devices/{id}/conformance</c>. Needs
    /// devices, device control, broadcasts, media and schedules (pre-cache grants).
    /// </summary>
    public static IServiceCollection AddConformance(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<ConformanceOptions>()
            .Bind(config.GetSection(ConformanceOptions.Section))
            .Validate(o => o.ReplyTimeout > TimeSpan.Zero && o.ReportedTimeout > TimeSpan.Zero && o.RebootTimeout > TimeSpan.Zero && o.CacheTimeout > TimeSpan.Zero, "Conformance timeouts must be > 0")
            .Validate(o => o.TelemetryMessages is >= 2 and <= 20, "Conformance:TelemetryMessages must be 2–20")
            .ValidateOnStart();
        services.AddSingleton<DeviceTap>();
        services.AddSingleton<IDeviceMessageHandler>(sp => sp.GetRequiredService<DeviceTap>());
        services.AddSingleton<EpochSource>();
        services.AddSingleton<ConformanceAudit>();
        services.AddSingleton<DesiredClauses>();
        services.AddSingleton<KindCommandClause>();
        services.AddSingleton<CacheClause>();
        services.AddSingleton<ConformanceRunner>();
        return services;
    }
}
