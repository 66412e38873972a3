using TanKy.Hub.Accounts.Http;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Devices.Control.Http;

/// <summary>Problem responses shared by the control endpoints, in the request's language (text keys), reasons per field.</summary>
internal static class ControlProblems
{
    /// <summary>Every refused field, its reason in the request's language.</summary>
    public static IResult Invalid(ControlValidationException ex, HttpContext http)
    {
        var language = HubText.LanguageOf(http);
        return ApiProblems.Stored(
            400,
            "api.device.invalid-values",
            ex.Text(language),
            new Dictionary<string, object?> { ["errors"] = ex.In(language).Select(e => new { field = e.Field, reason = e.Reason }).ToList() });
    }

    /// <summary>A 400 whose detail is a text key (and its arguments).</summary>
    public static IResult BadRequest(string detailKey, params object?[] args) => ApiProblems.Result(400, "api.bad-request", detailKey, args);

    /// <summary>A 400 whose detail is a stored message or another feature's words (an exception).</summary>
    public static IResult BadRequestStored(string reason) => ApiProblems.Stored(400, "api.bad-request", reason);

    public static IResult NotFound(string detailKey, params object?[] args) => ApiProblems.Result(404, "api.not-found", detailKey, args);

    public static IResult Forbidden(string detailKey, params object?[] args) => ApiProblems.Result(403, "api.forbidden", detailKey, args);

    /// <summary>The device, if it exists and the caller may see it; otherwise the 404/403 to answer.</summary>
    public static (DeviceRecord? Device, IResult? Problem) Reach(ClaimsPrincipal principal, DeviceRegistry registry, string id)
    {
        var device = registry.Get(id);
        if (device is null)
        {
            return (null, NotFound("api.device.unknown", id));
        }

        return principal.ToUser().CanReachAny(device.Zones) ? (device, null) : (null, Forbidden("api.device.outside", id));
    }
}
