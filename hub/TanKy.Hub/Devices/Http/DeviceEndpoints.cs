using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;
using TanKy.Hub.Devices;
using TanKy.Protocol;
using TanKy.Hub.Accounts.Http;

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
                    return Results.Problem(statusCode: 400, title: "Loại thiết bị không hợp lệ / invalid kind", detail: $"unknown kind '{kind}'");
                }
            }

            if (zone is not null && !user.CanReachZone(zone))
            {
                return Forbidden($"zone '{zone}' is outside your hamlets");
            }

            var devices = registry.List(zone, kindFilter).Where(d => user.CanReachAny(d.Zones)).Select(d => DeviceDto.From(d, presence));
            return Results.Ok(devices);
        }).WithName("ListDevices").WithSummary("Devices the caller may see, optionally filtered by zone and kind");

        api.MapGet("/devices/{id}", (string id, ClaimsPrincipal principal, DeviceRegistry registry, [FromServices] IDevicePresence? presence) =>
        {
            var device = registry.Get(id);
            if (device is null)
            {
                return Results.Problem(statusCode: 404, title: "Không tìm thấy thiết bị / device not found");
            }

            return principal.ToUser().CanReachAny(device.Zones) ? Results.Ok(DeviceDto.From(device, presence)) : Forbidden($"device '{id}' is outside your hamlets");
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

    internal static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: 403, title: "Không có quyền / forbidden", detail: detail);
}
