using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>Where the cookie scheme sends a signed-in user who lacks the role; answers 403.</summary>
[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = 403;
}
