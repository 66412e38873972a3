using TanKy.Hub.Shared.Text;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Devices.Control.Bulk;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Accounts.Http;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>
/// <c>POST /api/v1/bulk</c>: one request, per-device results. Always 200 when the request was
/// valid; <c>partial: true</c> (and <c>outcome</c>) tell a partial failure from success.
/// With <c>at</c> the action is stored and runs later (202).
/// </summary>
internal static class BulkEndpoints
{
    public static void MapBulkEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/bulk", async (BulkRequest? body, HttpContext http, ClaimsPrincipal principal, BulkService bulk, ScheduledActionStore scheduled, CommuneClock clock, CancellationToken ct) =>
        {
            if (body is null)
            {
                return ControlProblems.BadRequest("api.device.bulk-body");
            }

            var action = body.ToAction();
            try
            {
                if (body.At is { } at)
                {
                    var due = clock.Parse(at);
                    if (due is null)
                    {
                        throw new ControlValidationException([new FieldError("at", new TextMessage("rules2.bulk.at", at).Encode())]);
                    }

                    var devices = bulk.Validate(action);
                    var id = scheduled.Add(action, due.Value, principal.Identity?.Name);
                    return Results.Accepted($"/api/v1/bulk/scheduled/{id}", new { id, dueAt = due.Value, devices = devices.Select(d => d.Id) });
                }

                var result = (await bulk.RunAsync(action, principal.Identity?.Name, ct)).In(HubText.LanguageOf(http));
                return Results.Ok(new { outcome = result.Outcome, partial = result.Partial, result.Total, result.Succeeded, result.Failed, result.Results });
            }
            catch (ControlValidationException ex)
            {
                return ControlProblems.Invalid(ex, http);
            }
        }).RequireAuthorization(Policies.Control).WithName("Bulk").WithSummary("Desired change or command for every device of a zone/kind, now or at a time");

        // Why an action could not run is stored as a text key: said in the reader's language.
        api.MapGet("/bulk/scheduled", (ScheduledActionStore scheduled, HttpContext http) =>
                Results.Ok(scheduled.List().Select(a => a with { Error = a.Error is null ? null : HubText.Default.Render(a.Error, HubText.LanguageOf(http)), Result = a.Result?.In(HubText.LanguageOf(http)) })))
            .RequireAuthorization(Policies.Control).WithName("ListScheduledBulk").WithSummary("Scheduled bulk actions and their results");

        api.MapDelete("/bulk/scheduled/{id:long}", (long id, ScheduledActionStore scheduled) =>
            scheduled.Cancel(id) ? Results.NoContent() : ControlProblems.NotFound("api.device.no-scheduled", id))
            .RequireAuthorization(Policies.Control).WithName("CancelScheduledBulk").WithSummary("Cancel a scheduled bulk action that has not run");
    }
}
