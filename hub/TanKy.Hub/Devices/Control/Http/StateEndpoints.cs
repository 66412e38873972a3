using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Accounts.Http;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary><c>GET /api/v1/devices/{id}/state</c> (read, zone-scoped) and <c>PUT /api/v1/devices/{id}/desired</c> (control).</summary>
internal static class StateEndpoints
{
    public static void MapStateEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/devices/{id}/state", (string id, ClaimsPrincipal principal, DeviceRegistry registry, DeviceStateReader states) =>
        {
            var (_, problem) = ControlProblems.Reach(principal, registry, id);
            return problem ?? Results.Ok(states.Read(id));
        }).RequireAuthorization(Policies.Read).WithName("GetDeviceState").WithSummary("Desired and reported state side by side, drift and device errors");

        api.MapPut("/devices/{id}/desired", async (string id, JsonObject? body, HttpContext http, ClaimsPrincipal principal, DeviceRegistry registry, DeviceControlService control, DeviceStateReader states, CancellationToken ct) =>
        {
            if (body is null)
            {
                return ControlProblems.BadRequest("api.device.desired-body");
            }

            if (registry.Get(id) is null)
            {
                return ControlProblems.NotFound("api.device.unknown", id);
            }

            try
            {
                var message = await control.SetDesiredAsync(id, body, principal.Identity?.Name, ct);
                return Results.Ok(new { version = message.Version, state = message.State, view = states.Read(id) });
            }
            catch (ControlValidationException ex)
            {
                return ControlProblems.Invalid(ex, http);
            }
            catch (RegistryException ex)
            {
                // The only other refusal left: the whole desired state would exceed the 4 KiB message limit.
                return ControlProblems.BadRequestStored(ex.Text.Encode());
            }
        }).RequireAuthorization(Policies.Control).WithName("SetDesiredState").WithSummary("Change desired fields (validated per kind); published retained with a new version");
    }
}
