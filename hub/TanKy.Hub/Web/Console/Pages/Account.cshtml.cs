using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Web.Console.Text;
using TanKy.Hub.Accounts.Http;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Web.Console.Audit;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// The signed-in user's own account: change the password, create and revoke API tokens (a new
/// token is shown once). Both the password change and a new token need the current password,
/// checked through the sign-in throttle: a stolen session can neither mint a lasting credential
/// nor guess the password here.
/// </summary>
public sealed class AccountModel(PasswordLogin passwords, TokenService tokens, ConsoleAudit audit, Translate t) : PageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public string? NewToken { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostPasswordAsync(string? current, string? password, string? confirm)
    {
        var me = User.ToUser();
        if (CurrentPasswordRefusal(me, current, "password") is { } refusal)
        {
            return refusal;
        }

        if (password != confirm)
        {
            return Fail(t("setup.mismatch"));
        }

        try
        {
            passwords.SetPassword(me.Id, password ?? "");
        }
        catch (AccountException ex)
        {
            return Fail(HttpContext.RequestServices.GetRequiredService<ConsoleText>().Say(ex.Text, HttpContext));
        }

        audit.Record(me.Name, "password", me.Name, true, null, Remote);
        // The new password changes the session stamp: other sessions end, this one is renewed.
        await HttpContext.SignInAsync(ConsoleAuth.CookieScheme, ConsoleAuth.Principal(me, passwords.SessionStamp(me.Id)!));
        Message = t("account.password-changed");
        Load();
        return Page();
    }

    public IActionResult OnPostCreateToken(string? name, int? days, string? password)
    {
        var me = User.ToUser();
        name = string.IsNullOrWhiteSpace(name) ? "console" : name.Trim();
        if (name.Length > 64 || days < 1 || days > MaxDays)
        {
            return Fail(string.Format(CultureInfo.InvariantCulture, t("account.token-invalid"), MaxDays));
        }

        if (CurrentPasswordRefusal(me, password, "token-create") is { } refusal)
        {
            return refusal;
        }

        NewToken = tokens.Create(me.Name, name, days is { } d ? TimeSpan.FromDays(d) : null);
        audit.Record(me.Name, "token-create", name, true, null, Remote);
        Load();
        return Page();
    }

    public IActionResult OnPostRevoke(string prefix)
    {
        var me = User.ToUser();
        // Only the user's own tokens: the prefix alone must not reach someone else's.
        if (!tokens.List(me.Name).Any(k => k.Prefix == prefix && k.RevokedAt is null))
        {
            audit.Record(me.Name, "token-revoke", prefix, false, "audit.reason.not-own-token", Remote);
            return Fail(t("account.token-unknown"));
        }

        tokens.Revoke(prefix);
        audit.Record(me.Name, "token-revoke", prefix, true, null, Remote);
        Message = t("account.token-revoked");
        Load();
        return Page();
    }

    /// <summary>The longest token lifetime in whole days, for the form.</summary>
    public int MaxDays => (int)tokens.Lifetimes.MaxLifetime.TotalDays;

    /// <summary>The default token lifetime in whole days, for the form's placeholder.</summary>
    public int DefaultDays => (int)tokens.Lifetimes.DefaultLifetime.TotalDays;

    private string? Remote => HttpContext.Connection.RemoteIpAddress?.ToString();

    // Null when the password is right; otherwise the page to answer, audited (429 when throttled).
    private PageResult? CurrentPasswordRefusal(User me, string? password, string action)
    {
        var check = passwords.Verify(me.Id, password ?? "", HttpContext.Connection.RemoteIpAddress);
        if (check.Outcome == LoginOutcome.Success)
        {
            return null;
        }

        if (check.Outcome == LoginOutcome.Throttled)
        {
            audit.Record(me.Name, action, me.Name, false, "audit.reason.throttled", Remote);
            var seconds = (int)Math.Ceiling(check.RetryAfter.TotalSeconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Fail(string.Format(CultureInfo.InvariantCulture, t("account.throttled"), seconds));
        }

        audit.Record(me.Name, action, me.Name, false, "audit.reason.wrong-current", Remote);
        return Fail(t("account.wrong-current"));
    }

    private PageResult Fail(string message)
    {
        Message = message;
        MessageIsError = true;
        Load();
        return Page();
    }

    private void Load() => Tokens = tokens.List(User.Identity?.Name);
}
