using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Conformance.Run;
using TanKy.Hub.Devices;
using TanKy.Hub.Shared.Text;

using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Conformance.Http;

/// <summary>
/// <c>POST /api/v1/devices/{id}/conformance</c> (technician or admin, body <c>{"zone":"khoi-1"}</c>
/// optional): runs the kit and answers with the report once every clause has run (200 whether the
/// device passed or not), or refuses the run with a Vietnamese-first problem.
/// </summary>
public static class ConformanceEndpoints
{
    public static void MapConformanceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/devices/{id}/conformance", RunAsync)
            .RequireAuthorization(Policies.Control)
            .WithName("RunConformance")
            .WithSummary("Run the conformance kit against a live device; answers with one verdict per protocol clause");
    }

    private static async Task<IResult> RunAsync(string id, ConformanceRequest? body, ClaimsPrincipal principal, DeviceRegistry registry, ConformanceRunner runner, HubText text, HttpContext http, CancellationToken ct)
    {
        if (registry.Get(id) is { } device && !principal.ToUser().CanReachAny(device.Zones))
        {
            return ApiProblems.Result(403, "api.forbidden", "api.conformance.outside", id);
        }

        try
        {
            // Stored with keys (conformance_runs.report); answered in the caller's language.
            var report = await runner.RunAsync(id, body?.Zone, principal.Identity?.Name ?? "?", ct);
            return Results.Ok(report.In(HubText.LanguageOf(http), text));
        }
        catch (ConformanceRefusedException ex)
        {
            return ApiProblems.Result(ex.Status, "api.conformance.refused", ex.Text);
        }
    }
}

/// <summary>Body of <c>POST /api/v1/devices/{id}/conformance</c>.</summary>
internal sealed record ConformanceRequest(string? Zone);
