using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Web.Https;

namespace TanKy.Hub.Web.Console.Pages.Talk;

/// <summary>
/// Push-to-talk (mainly hamlet heads, from a phone). The live WebSocket authorises the zones by
/// the emergency rule and audits every attempt; this page only offers the zones the user reaches,
/// preselected when there is just one. Browsers give the microphone only to secure pages (https://,
/// or loopback): over plain HTTP by a LAN name the script shows why and links to <see cref="HttpsUrl"/>
/// and the certificate page instead of failing with a raw error.
/// </summary>
[Authorize(Roles = "admin,officer,hamlet-head")]
public sealed class IndexModel(ZoneRegistry zoneRegistry) : PageModel
{
    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    /// <summary>This page's HTTPS address on the host name the browser used, or null when the hub serves no HTTPS.</summary>
    public string? HttpsUrl { get; private set; }

    public void OnGet()
    {
        HttpsUrl = Request.IsHttps ? null : HttpsAddress.For(HttpContext, "/talk");
        var user = User.ToUser();
        Zones = zoneRegistry.List().Where(z => user.CanReachZone(z.Id)).ToList();
    }
}
