using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Web.Https;

namespace TanKy.Hub.Web.Console.Pages.Certificate;

/// <summary>
/// "Cài chứng chỉ cho điện thoại": the local CA certificate to download and the steps to trust it
/// on Android and iPhone, so push-to-talk can use the microphone over HTTPS. Anonymous and served
/// over HTTP as well (never redirected): the phone comes here before it trusts the HTTPS address.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(CaCertificate ca) : PageModel
{
    public CaCertificate Ca { get; } = ca;

    /// <summary>The console's HTTPS address on the host name this browser used, or null without HTTPS.</summary>
    public string? HttpsUrl { get; private set; }

    public void OnGet() => HttpsUrl = HttpsAddress.For(HttpContext, "/");
}
