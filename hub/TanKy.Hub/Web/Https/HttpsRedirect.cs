using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Web.Https;

/// <summary>
/// <c>Http:RedirectToHttps</c>: console pages asked for over plain HTTP go to their HTTPS address,
/// so passwords and session cookies do not cross the LAN in clear. Not redirected: the HTTP API
/// (devices' media downloads and snapshot uploads, the CLI), /health, /metrics, /openapi, static
/// files, the language switch and the certificate page with its download, because a phone must
/// fetch the CA certificate over HTTP before it can trust the HTTPS address.
/// Only GET and HEAD: a redirected POST would lose its body.
/// </summary>
internal static class HttpsRedirect
{
    private static readonly string[] StaysOnHttp = ["/api", "/health", "/metrics", "/openapi", "/static", "/lang", "/certificate"];

    public static void Use(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<WebOptions>>().Value.RedirectToHttps)
        {
            return;
        }

        app.Use(async (http, next) =>
        {
            var request = http.Request;
            var page = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && !request.IsHttps && !http.WebSockets.IsWebSocketRequest
                && !StaysOnHttp.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
            var target = page ? HttpsAddress.For(http, request.PathBase + request.Path + request.QueryString) : null;
            if (target is null)
            {
                await next(http);
                return;
            }

            http.Response.Redirect(target);
        });
    }
}
