using TanKy.Hub.Shared;
using TanKy.Hub.Devices.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Web;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Emergency.Live;

namespace TanKy.Hub.Web;

public static class WebRegistration
{
    /// <summary>
    /// The API's services and Kestrel. <see cref="WebOptions"/> (section <c>Http</c>) are read when
    /// the server is built and started, not here: the certificate and limits through
    /// <c>IOptions&lt;KestrelServerOptions&gt;</c>, the addresses (<c>Http:Urls</c>) just before the
    /// web host starts the server; an https:// address without a certificate stops the start.
    /// </summary>
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<WebOptions>()
            .Bind(config.GetSection(WebOptions.Section))
            // Kestrel would look for a development certificate, which a gateway never has.
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.CertificateFile) || !o.Urls.Contains("https://", StringComparison.OrdinalIgnoreCase),
                "Http:Urls has an https:// address but Http:CertificateFile is not set")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<WebOptions>>((k, web) =>
        {
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            var options = web.Value;
            if (!string.IsNullOrWhiteSpace(options.CertificateFile))
            {
                var certificate = Broker.BrokerCertificateLoader.Load(new Broker.BrokerTlsOptions { CertificateFile = options.CertificateFile, CertificatePassword = options.CertificatePassword });
                k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        services.AddHostedService<ServerUrls>();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new CommuneTimeJson());
            o.SerializerOptions.Converters.Add(new CommuneTimeJson.ForDateTime());
        });
        services.AddSingleton<Https.CaCertificate>();
        services.AddAuthentication(BearerTokenHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        services.AddHubText();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Localize);
        services.AddOpenApi();
        return services;
    }

    /// <summary>
    /// What <c>UseUrls</c> did, from <c>IOptions&lt;WebOptions&gt;</c> at start: before any hosted
    /// service starts (the web host starts the server in its StartAsync), an empty address list
    /// gets <c>Http:Urls</c>; the web host then binds those instead of its own <c>urls</c> setting.
    /// </summary>
    private sealed class ServerUrls(IServer server, IOptions<WebOptions> options) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            if (addresses is { IsReadOnly: false, Count: 0 })
            {
                foreach (var url in options.Value.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    addresses.Add(url);
                }
            }

            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public static WebApplication MapWebApi(this WebApplication app)
    {
        TextRegistration.UseHubText(app);
        OversizeBodyGuard.Use(app);
        app.UseStatusCodePages();
        Https.HttpsRedirect.Use(app);
        app.UseWebSockets();
        Console.ConsoleRegistration.UseConsoleStaticFiles(app);
        app.UseAuthentication();
        Console.ConsoleRegistration.UseConsoleGuards(app);
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealth();
        app.MapDeviceEndpoints();
        Media.MediaEndpoints.MapMediaEndpoints(app);
        Media.Speech.SpeechEndpoints.MapSpeechEndpoints(app);
        Reports.ReportEndpoints.MapReportEndpoints(app);
        Availability.OfflineAlerts.AlertEndpoints.MapAlertEndpoints(app);
        Devices.Control.Http.ControlEndpoints.MapDeviceControlEndpoints(app);
        Gateway.GatewayEndpoints.MapGatewayEndpoints(app.MapGroup("/api/v1"));
        Schedules.ScheduleEndpoints.MapScheduleEndpoints(app);
        Broadcasts.Api.BroadcastEndpoints.MapBroadcastEndpoints(app);
        Broadcasts.Relay.Sources.RelaySourceEndpoints.MapRelaySourceEndpoints(app);
        Emergency.Cap.CapEndpoints.MapCapEndpoints(app);
        Emergency.Engine.EmergencyEndpoints.MapEmergencyEndpoints(app);
        Emergency.Live.LiveEndpoint.MapLiveEndpoint(app);
        Conformance.Http.ConformanceEndpoints.MapConformanceEndpoints(app);
        Console.Pages.Certificate.CertificateDownload.Map(app);
        Console.ConsoleRegistration.MapConsole(app);
        return app;
    }
}
