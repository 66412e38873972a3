using TanKy.Hub.Devices.Http;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Web;
using TanKy.Hub.Emergency.Live;

namespace TanKy.Hub.Web;

public static class WebRegistration
{
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration config, IWebHostBuilder webHost)
    {
        var options = config.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        webHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        if (string.IsNullOrWhiteSpace(options.CertificateFile) && options.Urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel would look for a development certificate, which a gateway never has.
            throw new InvalidOperationException("Http:Urls has an https:// address but Http:CertificateFile is not set");
        }

        var certificate = string.IsNullOrWhiteSpace(options.CertificateFile)
            ? null
            : Broker.BrokerCertificateLoader.Load(new Broker.BrokerTlsOptions { CertificateFile = options.CertificateFile, CertificatePassword = options.CertificatePassword });
        webHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            if (certificate is not null)
            {
                k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        services.Configure<JsonOptions>(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddAuthentication(BearerTokenHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }

    public static WebApplication MapWebApi(this WebApplication app)
    {
        app.UseStatusCodePages();
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
        Emergency.Cap.CapEndpoints.MapCapEndpoints(app);
        Emergency.Engine.EmergencyEndpoints.MapEmergencyEndpoints(app);
        Emergency.Live.LiveEndpoint.MapLiveEndpoint(app);
        Console.ConsoleRegistration.MapConsole(app);
        return app;
    }
}
