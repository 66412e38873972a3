using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;
using TanKy.Hub.Accounts.Http;

namespace TanKy.Hub.Web.Console;

/// <summary>
/// Two ways in: API clients send <c>Authorization: Bearer</c>, browsers carry the console cookie.
/// A policy scheme picks one per request, so every endpoint and page authorises the same way.
/// </summary>
internal static class ConsoleAuth
{
    public const string PolicyScheme = "TanKy";
    public const string CookieScheme = "Console";
    public const string CookieName = "tanky.auth";
    private const string StampClaim = "tanky:stamp";

    /// <summary>The session length is <c>Console:Session</c>, from <c>IOptions&lt;ConsoleOptions&gt;</c> when the cookie options are made.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PolicyScheme;
                o.DefaultChallengeScheme = PolicyScheme;
                o.DefaultForbidScheme = PolicyScheme;
                o.DefaultAuthenticateScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "Bearer token or console cookie", o =>
                o.ForwardDefaultSelector = http => http.Request.Headers.Authorization.Count > 0 ? BearerTokenHandler.SchemeName : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = c => ApiStatusOrRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiStatusOrRedirect(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = RefreshAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<ConsoleOptions>>((o, console) => o.ExpireTimeSpan = console.Value.Session);
    }

    /// <summary>The principal a console session starts with.</summary>
    public static ClaimsPrincipal Principal(User user, string stamp) =>
        new(new ClaimsIdentity(UserClaims.For(user).Append(new Claim(StampClaim, stamp)), CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this request was authenticated by the console cookie (not a bearer token).</summary>
    public static bool IsCookieAuthenticated(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme } && http.Request.Headers.Authorization.Count == 0;

    // API callers (and scrapers of /metrics) get a status code, never an HTML redirect; a browser
    // asking for a page is sent to the login or "denied" page.
    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> c, int status)
    {
        if (IsApi(c.Request) || !c.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            c.Response.StatusCode = status;
        }
        else
        {
            c.Response.Redirect(c.RedirectUri);
        }

        return Task.CompletedTask;
    }

    // Every request re-reads the user: a disabled user, a changed role or zones, or a changed
    // password (the stamp) take effect at once instead of when the cookie expires.
    private static async Task RefreshAsync(CookieValidatePrincipalContext c)
    {
        var id = c.Principal?.ToUser().Id ?? 0;
        var users = c.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var passwords = c.HttpContext.RequestServices.GetRequiredService<PasswordLogin>();
        var user = users.Find(id);
        var stamp = passwords.SessionStamp(id);
        if (user is null || user.Disabled || stamp is null || stamp != c.Principal?.FindFirstValue(StampClaim))
        {
            c.RejectPrincipal();
            await c.HttpContext.SignOutAsync(CookieScheme);
            return;
        }

        c.ReplacePrincipal(Principal(user, stamp));
    }
}
