using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Gateway;

/// <summary><c>GET /api/v1/gateway/sensors</c> and <c>/gateway/alerts</c>: any signed-in user (the cabinet belongs to the whole commune).</summary>
public static class GatewayEndpoints
{
    public static void MapGatewayEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/gateway/sensors", (HttpContext http, GatewaySensorService sensors, GatewayAlertMonitor alerts) =>
            Results.Ok(new { at = sensors.Latest?.At, metrics = sensors.Latest?.ToMetrics(), openAlerts = alerts.List(openOnly: true, HubText.LanguageOf(http)) }))
            .RequireAuthorization(Policies.Read).WithName("GatewaySensors").WithSummary("Latest cabinet temperature/humidity and supply voltage/current, open alerts");

        api.MapGet("/gateway/alerts", (HttpContext http, GatewayAlertMonitor alerts) => Results.Ok(alerts.List(openOnly: false, HubText.LanguageOf(http))))
            .RequireAuthorization(Policies.Read).WithName("GatewayAlerts").WithSummary("Gateway threshold alerts, newest first");
    }
}
