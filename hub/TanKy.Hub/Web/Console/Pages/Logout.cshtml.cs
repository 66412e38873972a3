using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Web.Console.Audit;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>POST only (with the antiforgery token): a link or image elsewhere cannot sign a user out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(ConsoleAudit audit) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record(User.Identity.Name ?? "-", "logout", null, true, null, HttpContext.Connection.RemoteIpAddress?.ToString());
        }

        await HttpContext.SignOutAsync(ConsoleAuth.CookieScheme);
        return LocalRedirect("/login");
    }
}
