using TanKy.Hub.Accounts.Http;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Web.Console.Dashboard;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// The dashboard; <c>?handler=Live</c> returns only its live part, which the page re-fetches every
/// few seconds. The live part carries an ETag of its data: while nothing changes a poll costs a
/// 304 without a body (a phone on 4G polls all day).
/// </summary>
public sealed class IndexModel(DashboardQuery query) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    /// <summary>The ETag of the live part as rendered in the page, so the first poll can already be a 304.</summary>
    public string Tag { get; private set; } = "";

    public void OnGet()
    {
        View = query.Build(User.ToUser());
        Tag = TagOf(View);
    }

    public IActionResult OnGetLive()
    {
        var view = query.Build(User.ToUser());
        var tag = TagOf(view);
        Response.Headers.CacheControl = "no-cache, private";
        Response.Headers.ETag = tag;
        return Request.Headers.IfNoneMatch.ToString() == tag ? StatusCode(StatusCodes.Status304NotModified) : Partial("_DashboardLive", view);
    }

    private string TagOf(DashboardView view) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { view = view with { At = default }, language = ConsoleText.LanguageOf(HttpContext) })))[..20]}\"";
}
