using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Web.Console.Dashboard;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>The dashboard; <c>?handler=Live</c> returns only its live part, which the page re-fetches every few seconds.</summary>
public sealed class IndexModel(DashboardQuery query) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public void OnGet() => View = query.Build(User.ToUser());

    public PartialViewResult OnGetLive() => Partial("_DashboardLive", query.Build(User.ToUser()));
}
