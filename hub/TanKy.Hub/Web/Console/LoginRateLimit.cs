using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;

namespace TanKy.Hub.Web.Console;

/// <summary>
/// Lockout protects one account; this limits one address trying many accounts. Only the form
/// posts of /login and /setup count (pages themselves are free); over the limit: 429.
/// </summary>
internal static class LoginRateLimit
{
    public const string Policy = "console-login";

    public static void Add(IServiceCollection services, IConfiguration config)
    {
        var perMinute = Math.Max(1, config.GetSection(LoginOptions.Section).Get<LoginOptions>()?.AttemptsPerMinutePerAddress ?? new LoginOptions().AttemptsPerMinutePerAddress);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "-", _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        });
    }
}
