using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using TanKy.Hub.Shared.Web;

namespace TanKy.Hub.Web.Console;

/// <summary>
/// What a browser session needs beyond authentication: the first-run redirect to /setup,
/// antiforgery on cookie-authenticated unsafe API calls (bearer clients are not exposed to
/// CSRF and stay exempt), and a same-origin check on cookie-authenticated WebSockets
/// (browsers do not apply CORS to WebSockets: cross-site WebSocket hijacking).
/// </summary>
internal static class ConsoleGuards
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static void Use(WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(FirstRunAsync);
        app.Use(ApiCsrfAsync);
        app.Use(WebSocketOriginAsync);
    }

    private static async Task FirstRunAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        var isPage = HttpMethods.IsGet(http.Request.Method) && !ConsoleAuth.IsApi(http.Request)
            && !path.StartsWithSegments("/setup") && !path.StartsWithSegments("/static") && !path.StartsWithSegments("/lang")
            && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/metrics");
        if (isPage && !http.RequestServices.GetRequiredService<SetupState>().Done)
        {
            http.Response.Redirect("/setup");
            return;
        }

        await next(http);
    }

    private static async Task ApiCsrfAsync(HttpContext http, RequestDelegate next)
    {
        var method = http.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        // Over HTTPS, browsers open WebSockets on HTTP/2 with CONNECT (RFC 8441) instead of GET; they
        // cannot carry the header, and the Origin check below guards them instead.
        if (unsafeMethod && !http.WebSockets.IsWebSocketRequest && ConsoleAuth.IsApi(http.Request) && ConsoleAuth.IsCookieAuthenticated(http))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                Logger(http).LogWarning("Refused a console API {Method} {Path} without a valid antiforgery token from {Remote}", method, http.Request.Path, http.Connection.RemoteIpAddress);
                await ApiProblems.Result(400, "api.csrf.title", "api.csrf.detail", CsrfHeader).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    }

    private static async Task WebSocketOriginAsync(HttpContext http, RequestDelegate next)
    {
        if (http.WebSockets.IsWebSocketRequest && ConsoleAuth.IsCookieAuthenticated(http) && !SameOrigin(http))
        {
            Logger(http).LogWarning("Refused a cross-origin console WebSocket to {Path} (Origin {Origin}) from {Remote}", http.Request.Path, http.Request.Headers.Origin.ToString(), http.Connection.RemoteIpAddress);
            await ApiProblems.Result(403, "api.origin.title").ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static bool SameOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        return Uri.TryCreate(origin, UriKind.Absolute, out var o)
            && string.Equals(o.Scheme, http.Request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(o.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TanKy.Hub.Web.Console");
}
