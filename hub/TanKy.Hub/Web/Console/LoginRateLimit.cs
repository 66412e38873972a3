using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TanKy.Hub.Accounts;

namespace TanKy.Hub.Web.Console;

/// <summary>
/// The throttle (PasswordLogin) slows wrong passwords; this caps how many sign-in posts one
/// address may send at all, because each costs a PBKDF2 hash on a small gateway. Only the form
/// posts of /login and /setup count (pages themselves are free); over the limit: 429.
/// </summary>
internal static class LoginRateLimit
{
    public const string Policy = "console-login";

    /// <summary>The limit is <c>Console:Login:AttemptsPerMinutePerAddress</c> (at least 1), read from <c>IOptions&lt;LoginOptions&gt;</c> when an address's window is made.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "-", _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute(http), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        });
    }

    private static int PerMinute(HttpContext http) =>
        Math.Max(1, http.RequestServices.GetRequiredService<IOptions<LoginOptions>>().Value.AttemptsPerMinutePerAddress);
}
