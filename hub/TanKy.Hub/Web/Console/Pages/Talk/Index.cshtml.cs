using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;

namespace TanKy.Hub.Web.Console.Pages.Talk;

/// <summary>
/// Push-to-talk (mainly hamlet heads, from a phone). The live WebSocket authorises the zones by
/// the emergency rule and audits every attempt; this page only offers the zones the user reaches,
/// preselected when there is just one.
/// </summary>
[Authorize(Roles = "admin,officer,hamlet-head")]
public sealed class IndexModel(ZoneRegistry zoneRegistry) : PageModel
{
    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public void OnGet()
    {
        var user = User.ToUser();
        Zones = zoneRegistry.List().Where(z => user.CanReachZone(z.Id)).ToList();
    }
}
