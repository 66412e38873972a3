using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Web.Console.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using TanKy.Hub.Accounts;
using TanKy.Hub.Web.Console.Audit;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>First run only: creates the first admin (there is no default password), then answers 403 for good.</summary>
[AllowAnonymous]
[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed class SetupModel(PasswordLogin passwords, ConsoleAudit audit, Translate t) : PageModel
{
    public bool Refused { get; private set; }

    public string Name { get; private set; } = "admin";

    public string? Error { get; private set; }

    public IActionResult OnGet() => passwords.AdminExists() ? RefusedPage() : Page();

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? confirm)
    {
        var remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        Name = (name ?? "").Trim();
        if (passwords.AdminExists())
        {
            audit.Record(Name.Length == 0 ? "-" : Name, "setup", Name, false, "audit.reason.admin-exists", remote);
            return RefusedPage();
        }

        if (password != confirm)
        {
            Error = t("setup.mismatch");
            return Page();
        }

        if (password is not { Length: >= 10 })
        {
            Error = t("password.rule");
            return Page();
        }

        try
        {
            var admin = passwords.CreateFirstAdmin(Name, password ?? "");
            audit.Record(admin.Name, "setup", admin.Name, true, null, remote);
            await HttpContext.SignInAsync(ConsoleAuth.CookieScheme, ConsoleAuth.Principal(admin, passwords.SessionStamp(admin.Id)!));
            return LocalRedirect("/");
        }
        catch (AccountException ex)
        {
            Error = HttpContext.RequestServices.GetRequiredService<ConsoleText>().Say(ex.Text, HttpContext);
            return Page();
        }
    }

    private PageResult RefusedPage()
    {
        Refused = true;
        Response.StatusCode = 403;
        return Page();
    }
}
