using TanKy.Hub.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Accounts;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Emergency.Engine;
using TanKy.Hub.Emergency.Led;
using TanKy.Hub.Gateway.Hardware;
using TanKy.Hub.Gateway.Speaker;
using TanKy.Hub.Media.Speech;
using TanKy.Hub.Availability;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Archive;
using TanKy.Hub.Broadcasts.Live;
using TanKy.Hub.Broadcasts.Relay.Sources;
using TanKy.Hub.Availability.OfflineAlerts;
using TanKy.Hub.Hosting.Metrics;
using TanKy.Hub.Hosting.Systemd;
using TanKy.Hub.Media;
using TanKy.Hub.Reports;
using TanKy.Hub.Broker;
using TanKy.Hub.Conformance;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Airing;
using TanKy.Hub.Reports.Broadcasting;
using TanKy.Hub.Storage;
using TanKy.Hub.Web;
using TanKy.Hub.Web.Console;
using TanKy.Hub.Shared.Data;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Hosting;

/// <summary>
/// Builds the hub: one line per feature, in start order. The order is the contract: a feature's
/// real implementation of another feature's port is registered before the registration that
/// would fall back to a stand-in (TryAdd), so nothing is replaced or removed afterwards.
/// </summary>
public static class HubHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        HubConfiguration.AddSources(builder.Configuration, args);
        builder.Host.UseSystemd();
        builder.Logging.AddHubConsole();

        builder.Services.AddHubCore(builder.Configuration);
        builder.Services.AddStorage();
        builder.Services.AddSystemdWatchdog();
        builder.Services.AddArchive(builder.Configuration);
        builder.Services.AddMedia(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddDevices(builder.Configuration);
        builder.Services.AddAvailability();
        builder.Services.AddReports(builder.Configuration);
        builder.Services.AddAvailabilityAlerts(builder.Configuration);
        builder.Services.AddHubMetricsEndpoint(builder.Configuration);
        builder.Services.AddDeviceControl(builder.Configuration);
        builder.Services.AddGatewaySensors(builder.Configuration);
        builder.Services.AddBroker(builder.Configuration);
        builder.Services.AddListenFile();
        builder.Services.AddGatewaySpeaker(builder.Configuration);
        builder.Services.AddSchedules(builder.Configuration);
        builder.Services.AddBroadcasts(builder.Configuration);
        builder.Services.AddRelaySources(builder.Configuration);
        builder.Services.AddSpeech(builder.Configuration);
        builder.Services.AddEmergencyEngine();
        builder.Services.AddEmergencyAlerts();
        builder.Services.AddCapIntake(builder.Configuration);
        builder.Services.AddLedHeadlines(builder.Configuration);
        builder.Services.AddGatewayHardware(builder.Configuration);
        builder.Services.AddLiveBroadcasts(builder.Configuration);
        // Hosted services start in this order: the airing outcomes are settled only after Quartz
        // (AddSchedules) has replayed what a kill cut short, or a replay would be settled as failed.
        builder.Services.AddProgrammeAiring(builder.Configuration);
        builder.Services.AddBroadcastStatistics();
        builder.Services.AddConformance(builder.Configuration);
        builder.Services.AddWebApi(builder.Configuration);
        builder.Services.AddConsole(builder.Configuration);
        customize?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<Database>().Migrate();
        app.Services.GetRequiredService<LiveStatusTable>().Refresh();
        app.MapWebApi();
        app.MapHubMetrics();
        return app;
    }
}
