using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TanKy.Hub.Accounts;
using TanKy.Hub.Web.Console.Audit;

namespace TanKy.Hub.Web.Console.Pages;

[AllowAnonymous]
[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed class LoginModel(PasswordLogin passwords, ConsoleAudit audit) : PageModel
{
    public string? ReturnUrl { get; private set; }

    public string Name { get; private set; } = "";

    public bool Failed { get; private set; }

    /// <summary>Whole seconds this address must wait before the next try (throttled), else 0.</summary>
    public int WaitSeconds { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl)
    {
        Name = (name ?? "").Trim();
        ReturnUrl = returnUrl;
        var address = HttpContext.Connection.RemoteIpAddress;
        var remote = address?.ToString();
        if (Name.Length is 0 or > 64 || string.IsNullOrEmpty(password) || password.Length > 256)
        {
            Failed = true;
            audit.Record(Name.Length == 0 ? "-" : Name, "login", null, false, "audit.reason.bad-field", remote);
            return Page();
        }

        var (outcome, user, retryAfter) = passwords.Check(Name, password, address);
        audit.Record(Name, "login", null, outcome == LoginOutcome.Success, outcome == LoginOutcome.Success ? null : OutcomeText(outcome), remote);
        if (outcome == LoginOutcome.Throttled)
        {
            // The wait is per address, so saying it tells nothing about the account.
            WaitSeconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = WaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        if (user is null)
        {
            // One message for every refusal: it must not tell which names exist or are locked.
            Failed = true;
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.CookieScheme, ConsoleAuth.Principal(user, passwords.SessionStamp(user.Id)!));
        return LocalRedirect(ConsoleRegistration.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static string OutcomeText(LoginOutcome o) => o switch
    {
        LoginOutcome.Throttled => "audit.reason.throttled",
        LoginOutcome.Disabled => "audit.reason.disabled",
        _ => "audit.reason.bad-credentials",
    };
}
