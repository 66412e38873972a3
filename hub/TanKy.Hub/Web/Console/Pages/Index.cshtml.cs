using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TanKy.Hub.Web.Console.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
