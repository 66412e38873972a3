using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace TanKy.Hub.Hosting.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format. Anonymous from loopback when
/// <c>Metrics:AllowAnonymousFromLoopback</c> (the default); otherwise any valid bearer token.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Policy = "metrics";

    public static IServiceCollection AddHubMetricsEndpoint(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MetricsOptions>().Bind(config.GetSection(MetricsOptions.Section));
        services.AddSingleton<BroadcastMetrics>();
        services.AddSingleton<PrometheusExporter>();
        // The loopback exemption is read from IOptions<MetricsOptions> per request, not at registration.
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireAssertion(ctx =>
            ctx.User.Identity?.IsAuthenticated == true
            || (ctx.Resource is HttpContext http
                && http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowAnonymousFromLoopback
                && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)))));
        return services;
    }

    public static void MapHubMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        var registry = app.ServiceProvider.GetRequiredService<PrometheusExporter>().Registry;
        app.MapMetrics(options.Path, registry).RequireAuthorization(Policy).WithName("Metrics");
    }
}
