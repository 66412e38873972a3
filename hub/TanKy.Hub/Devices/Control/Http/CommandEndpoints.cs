using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>Commands: <c>POST /api/v1/devices/{id}/commands</c> (control) and reading their outcomes (zone-scoped).</summary>
internal static class CommandEndpoints
{
    public static void MapCommandEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/devices/{id}/commands", async (string id, CommandRequest? body, HttpContext http, ClaimsPrincipal principal, DeviceRegistry registry, CommandService commands, CancellationToken ct) =>
        {
            if (body?.Op is not { Length: > 0 } op)
            {
                return ControlProblems.BadRequest("api.device.command-body");
            }

            if (registry.Get(id) is null)
            {
                return ControlProblems.NotFound("api.device.unknown", id);
            }

            DeviceCommand issued;
            try
            {
                var timeout = body.Timeout is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
                issued = await commands.IssueAsync(id, op, body.Args, timeout, principal.Identity?.Name, ct);
            }
            catch (ControlValidationException ex)
            {
                return ControlProblems.Invalid(ex, http);
            }

            var location = $"/api/v1/devices/{id}/commands/{issued.Id}";
            if (body.Wait == false)
            {
                return Results.Accepted(location, Shown(issued, http));
            }

            return Results.Ok(Shown(await commands.WaitAsync(issued.Id, ct), http));
        }).RequireAuthorization(Policies.Control).WithName("SendCommand").WithSummary("Send a one-shot command; by default waits for its reply or timeout");

        api.MapGet("/devices/{id}/commands", (string id, ClaimsPrincipal principal, DeviceRegistry registry, CommandService commands, HttpContext http) =>
        {
            var (_, problem) = ControlProblems.Reach(principal, registry, id);
            return problem ?? Results.Ok(commands.List(id).Select(c => Shown(c, http)));
        }).RequireAuthorization(Policies.Read).WithName("ListCommands").WithSummary("The device's latest commands and their outcomes");

        api.MapGet("/devices/{id}/commands/{commandId}", (string id, string commandId, ClaimsPrincipal principal, DeviceRegistry registry, CommandService commands, HttpContext http) =>
        {
            var (_, problem) = ControlProblems.Reach(principal, registry, id);
            if (problem is not null)
            {
                return problem;
            }

            var command = commands.Get(commandId);
            return command is null || command.DeviceId != id ? ControlProblems.NotFound("api.device.no-command", commandId, id) : Results.Ok(Shown(command, http));
        }).RequireAuthorization(Policies.Read).WithName("GetCommand").WithSummary("One command and its outcome");
    }

    // An error the hub wrote is a text key (a device's own error words are kept as sent): said in the request's language.
    private static DeviceCommand Shown(DeviceCommand c, HttpContext http) =>
        c.Error is null ? c : c with { Error = HubText.Default.Render(c.Error, HubText.LanguageOf(http)) };
}
