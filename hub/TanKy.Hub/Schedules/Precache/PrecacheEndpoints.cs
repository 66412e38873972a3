using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TanKy.Hub.Broker;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Schedules.Precache;

/// <summary>
/// <c>GET /api/v1/devices/{id}/media/{mediaId}/stream</c>: a node downloads a clip it was told to
/// cache, with HTTP Basic (device id, device secret). 401 without valid credentials, 403 for
/// another device's path or a clip it was not told to cache, 404 for a clip that is gone.
/// </summary>
internal static class PrecacheEndpoints
{
    public const string ShaHeader = "X-Content-SHA256";

    public static void MapPrecacheEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/devices/{id}/media/{mediaId}/stream", Download)
            .AllowAnonymous()
            .WithName("DownloadCachedMedia")
            .WithSummary("A node downloads a clip it was told to pre-cache (HTTP Basic: device id and secret)");
    }

    private static IResult Download(string id, string mediaId, HttpContext http, IDeviceAuthenticator auth, PrecacheGrants grants, StreamFileInfo files, ILoggerFactory logs)
    {
        var device = Credentials(http.Request) is { } c ? auth.Authenticate(c.Id, c.Secret) : null;
        if (device is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"tanky-devices\", charset=\"UTF-8\"";
            return ApiProblems.Result(401, "sched2.precache.credentials");
        }

        if (device.DeviceId != id || !grants.IsGranted(id, mediaId))
        {
            logs.CreateLogger(typeof(PrecacheEndpoints)).LogWarning("Refused download of {Media} on {Path} by device {Device}", mediaId, id, device.DeviceId);
            return ApiProblems.Result(403, "api.forbidden", "sched2.precache.not-granted");
        }

        if (files.Describe(mediaId) is not { } info)
        {
            return ApiProblems.Result(404, "sched2.precache.media-not-found");
        }

        http.Response.Headers[ShaHeader] = info.Sha256;
        return Results.File(files.PathOf(mediaId), "application/octet-stream", enableRangeProcessing: true);
    }

    private static (string Id, string Secret)? Credentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
