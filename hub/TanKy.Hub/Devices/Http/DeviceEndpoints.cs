using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Accounts.Http;

using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Devices.Http;

/// <summary><c>/api/v1/devices</c> and <c>/api/v1/zones</c>: read access, scoped to a hamlet head's zones.</summary>
public static class DeviceEndpoints
{
    public static void MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Read);

        api.MapGet("/devices", (string? zone, string? kind, ClaimsPrincipal principal, DeviceRegistry registry, [FromServices] IDevicePresence? presence) =>
        {
            var user = principal.ToUser();
            DeviceKind? kindFilter = null;
            if (kind is not null)
            {
                if (!DeviceKinds.TryParse(kind, out kindFilter))
                {
                    return ApiProblems.Result(400, "api.device.bad-kind", "api.device.bad-kind-detail", kind);
                }
            }

            if (zone is not null && !user.CanReachZone(zone))
            {
                return ZoneForbidden(zone);
            }

            var devices = registry.List(zone, kindFilter).Where(d => user.CanReachAny(d.Zones)).Select(d => DeviceDto.From(d, presence));
            return Results.Ok(devices);
        }).WithName("ListDevices").WithSummary("Devices the caller may see, optionally filtered by zone and kind");

        api.MapGet("/devices/{id}", (string id, ClaimsPrincipal principal, DeviceRegistry registry, [FromServices] IDevicePresence? presence) =>
        {
            var device = registry.Get(id);
            if (device is null)
            {
                return ApiProblems.Result(404, "api.device.not-found", "api.device.unknown", id);
            }

            return principal.ToUser().CanReachAny(device.Zones) ? Results.Ok(DeviceDto.From(device, presence)) : ApiProblems.Result(403, "api.forbidden", "api.device.outside", id);
        }).WithName("GetDevice").WithSummary("One device");

        api.MapGet("/zones", (ClaimsPrincipal principal, ZoneRegistry zones) =>
        {
            var user = principal.ToUser();
            return Results.Ok(zones.List().Where(z => user.CanReachZone(z.Id)));
        }).WithName("ListZones").WithSummary("Hamlets the caller may see");

        api.MapGet("/me", (ClaimsPrincipal principal) =>
        {
            var user = principal.ToUser();
            return Results.Ok(new { user.Name, role = user.Role.ToWire(), user.Zones });
        }).WithName("Me").WithSummary("The signed-in user");
    }

    /// <summary>403 for a zone outside the caller's hamlets, in the request's language.</summary>
    internal static IResult ZoneForbidden(string zone) => ApiProblems.Result(403, "api.forbidden", "api.zone.outside", zone);

    // Other features still pass the English sentence; the one they all pass is given its key here.
    internal static IResult Forbidden(string detail) =>
        detail.StartsWith("zone '", StringComparison.Ordinal) && detail.EndsWith("' is outside your hamlets", StringComparison.Ordinal)
            ? ZoneForbidden(detail["zone '".Length..^"' is outside your hamlets".Length])
            : ApiProblems.Stored(403, "api.forbidden", detail);
}
