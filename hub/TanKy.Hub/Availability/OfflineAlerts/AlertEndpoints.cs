using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;

using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Availability.OfflineAlerts;

/// <summary><c>GET /api/v1/alerts?state=open|closed</c>: alerts the caller's hamlets may see.</summary>
public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts", (string? state, ClaimsPrincipal principal, AlertStore store) =>
        {
            bool? open = state switch { null or "" => null, "open" => true, "closed" => false, _ => (bool?)false };
            if (state is not (null or "" or "open" or "closed"))
            {
                return ApiProblems.Result(400, "api.alerts.bad-state", "api.alerts.bad-state-detail", state);
            }

            var user = principal.ToUser();
            return Results.Ok(store.List(open).Where(a => user.CanReachAny(a.Zones)).Select(a => new
            {
                a.Id,
                Device = a.DeviceId,
                a.Kind,
                a.Zones,
                State = a.IsOpen ? "open" : "closed",
                a.OfflineSince,
                a.OpenedAt,
                a.ClosedAt,
                a.CloseReason,
            }));
        }).RequireAuthorization(Policies.Read).WithName("ListAlerts").WithSummary("Availability alerts, open or closed");
    }
}
