using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;

namespace TanKy.Hub.Web.Console.Pages.Broadcast;

/// <summary>
/// "Phát ngay": the roles that may broadcast (admin, officer, hamlet head — the broadcasts API's
/// rule); a hamlet head is offered only their own zones, and the API refuses any other anyway.
/// </summary>
[Authorize(Roles = "admin,officer,hamlet-head")]
public sealed class IndexModel(ZoneRegistry zoneRegistry, MediaLibrary library) : PageModel
{
    /// <summary>Every class is open to the three broadcasting roles; emergencies need a confirmation.</summary>
    public static readonly string[] Classes = ["normal", "priority", "emergency"];

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public IReadOnlyList<MediaItem> Clips { get; private set; } = [];

    public void OnGet()
    {
        var user = User.ToUser();
        Zones = zoneRegistry.List().Where(z => user.CanReachZone(z.Id)).ToList();
        Clips = library.List();
    }
}
