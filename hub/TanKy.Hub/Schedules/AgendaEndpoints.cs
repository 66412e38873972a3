using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Devices.Http;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Schedules;

/// <summary><c>GET /api/v1/agenda?days=&amp;zone=</c>: signed-in users; hamlet heads see their own zones only.</summary>
internal static class AgendaEndpoints
{
    public static void MapAgendaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/agenda", (int? days, string? zone, ClaimsPrincipal principal, HttpContext http, AgendaService agenda) =>
        {
            var user = principal.ToUser();
            var span = days ?? 7;
            if (span is < 1 or > AgendaService.MaxDays)
            {
                return ApiProblems.Result(400, "sched2.api.bad-days", "sched2.api.bad-days-detail", AgendaService.MaxDays);
            }

            if (zone is not null && !user.CanReachZone(zone))
            {
                return DeviceEndpoints.ZoneForbidden(zone);
            }

            var entries = agenda.Build(span, zone).Where(e => user.CanReachZone(e.Zone)).Select(e => AgendaDto.From(e, HubText.LanguageOf(http)));
            return Results.Ok(entries);
        }).RequireAuthorization(Policies.Read).WithName("Agenda").WithSummary("What will play, when and where, after holidays and preemption");
    }
}
