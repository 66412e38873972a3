using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Availability;
using TanKy.Hub.Broker;
using TanKy.Hub.Devices;

namespace TanKy.Hub.Web;

/// <summary><c>GET /health</c>: unauthenticated liveness for a watchdog or load balancer; reveals counts only.</summary>
internal static class HealthEndpoint
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", (IHubMqtt mqtt, LiveStatusTable live, HubRunRecorder run) =>
        {
            var devices = live.All.ToList();
            var body = new
            {
                status = mqtt.IsConnected ? "ok" : "degraded",
                mqtt = mqtt.IsConnected ? "connected" : "disconnected",
                boot = run.BootId,
                devices = new { total = devices.Count, online = devices.Count(d => d.Status == DeviceStatus.Online) },
            };
            return mqtt.IsConnected ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        }).AllowAnonymous().WithName("Health").WithSummary("Liveness and MQTT connection state");
}
