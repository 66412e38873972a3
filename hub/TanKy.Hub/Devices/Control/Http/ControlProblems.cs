using TanKy.Hub.Accounts.Http;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TanKy.Hub.Devices.Control.Validation;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>Problem responses shared by the control endpoints: Vietnamese first, reasons per field.</summary>
internal static class ControlProblems
{
    public static IResult Invalid(ControlValidationException ex) => Results.Problem(
        statusCode: 400,
        title: "Giá trị không hợp lệ / invalid values",
        detail: ex.Message,
        extensions: new Dictionary<string, object?> { ["errors"] = ex.Errors.Select(e => new { field = e.Field, reason = e.Reason }).ToList() });

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: 400, title: "Yêu cầu không hợp lệ / bad request", detail: detail);

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: 404, title: "Không tìm thấy / not found", detail: detail);

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: 403, title: "Không có quyền / forbidden", detail: detail);

    /// <summary>The device, if it exists and the caller may see it; otherwise the 404/403 to answer.</summary>
    public static (DeviceRecord? Device, IResult? Problem) Reach(ClaimsPrincipal principal, DeviceRegistry registry, string id)
    {
        var device = registry.Get(id);
        if (device is null)
        {
            return (null, NotFound($"no device '{id}'"));
        }

        return principal.ToUser().CanReachAny(device.Zones) ? (device, null) : (null, Forbidden($"device '{id}' is outside your hamlets"));
    }
}
