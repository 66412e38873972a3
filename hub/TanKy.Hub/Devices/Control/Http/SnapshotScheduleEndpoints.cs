using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>
/// A camera's automatic snapshots: <c>GET /api/v1/devices/{id}/snapshot-schedule</c> (read,
/// zone-scoped) and <c>PUT</c> the same (control: technician, admin) with <c>{"everyMinutes": N}</c>,
/// N 5–1440, or null/0 for off. A hub setting: nothing is published to the camera.
/// </summary>
internal static class SnapshotScheduleEndpoints
{
    public static void MapSnapshotScheduleEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/devices/{id}/snapshot-schedule", (string id, ClaimsPrincipal principal, DeviceRegistry registry, SnapshotScheduleStore schedules) =>
        {
            var (_, problem) = ControlProblems.Reach(principal, registry, id);
            return problem ?? Results.Ok(View(schedules.Get(id)));
        }).RequireAuthorization(Policies.Read).WithName("GetSnapshotSchedule").WithSummary("A camera's automatic snapshot interval (null: off)");

        api.MapPut("/devices/{id}/snapshot-schedule", (string id, JsonObject? body, HttpContext http, ClaimsPrincipal principal, DeviceRegistry registry, SnapshotScheduleStore schedules) =>
        {
            if (body is null || !body.ContainsKey(SnapshotInterval.Field))
            {
                return ControlProblems.BadRequest("camsnap.body");
            }

            if (registry.Get(id) is not { } device)
            {
                return ControlProblems.NotFound("api.device.unknown", id);
            }

            try
            {
                var minutes = SnapshotInterval.Check(device.Kind, Minutes(body[SnapshotInterval.Field]));
                schedules.Set(id, minutes, principal.Identity?.Name);
                return Results.Ok(View(schedules.Get(id)));
            }
            catch (ControlValidationException ex)
            {
                return ControlProblems.Invalid(ex, http);
            }
        }).RequireAuthorization(Policies.Control).WithName("SetSnapshotSchedule").WithSummary("Switch a camera's automatic snapshots on (every 5–1440 min) or off (null or 0)");
    }

    /// <summary>A whole number or null; anything else (text, 7.5) is refused with the same reason as a number out of range.</summary>
    private static int? Minutes(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _) => int.MaxValue,
            _ => throw new ControlValidationException([new FieldError(SnapshotInterval.Field, new TextMessage("camsnap.err.range", SnapshotInterval.MinMinutes, SnapshotInterval.MaxMinutes).Encode())]),
        };

    private static object View(SnapshotSchedule? s) => new
    {
        everyMinutes = s?.EveryMinutes,
        nextAt = s?.DueAt,
        lastCommandId = s?.LastCommandId,
        lastIssuedAt = s?.LastIssuedAt,
        updatedBy = s?.UpdatedBy,
    };
}
