using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts.History;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;

namespace TanKy.Hub.Web.Console.Pages.Broadcast;

/// <summary>
/// "Phát ngay": the roles that may broadcast (admin, officer, hamlet head — the broadcasts API's
/// rule); a hamlet head is offered only their own zones, and the API refuses any other anyway.
/// "Tiếp sóng" relays a registered source (the registry may be absent in a host without relays: none offered).
/// </summary>
[Authorize(Roles = "admin,officer,hamlet-head")]
public sealed class IndexModel(ZoneRegistry zoneRegistry, MediaLibrary library, IEnumerable<IRelaySources> relaySources) : PageModel
{
    /// <summary>Relay durations offered, in minutes (0: until stopped).</summary>
    public static readonly int[] RelayMinutes = [0, 15, 30, 60, 120];

    /// <summary>Every class is open to the three broadcasting roles; emergencies need a confirmation.</summary>
    public static readonly string[] Classes = ["normal", "priority", "emergency"];

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public IReadOnlyList<MediaItem> Clips { get; private set; } = [];

    public IReadOnlyList<RelaySource> Sources { get; private set; } = [];

    /// <summary>"Toàn xã" is offered to whoever reaches every hamlet (not to a hamlet head), when there is more than one.</summary>
    public bool WholeCommune { get; private set; }

    public void OnGet()
    {
        var user = User.ToUser();
        var all = zoneRegistry.List();
        Zones = all.Where(z => user.CanReachZone(z.Id)).ToList();
        WholeCommune = Zones.Count > 1 && Zones.Count == all.Count;
        Clips = library.List();
        Sources = relaySources.LastOrDefault()?.List() ?? [];
    }

    /// <summary>"Thông báo tiêm phòng — 6 phút 14 giây · tải lên 07/12/2026": title, spoken length and upload day (commune time).</summary>
    public string ClipLabel(MediaItem clip, Func<string, string> t, Web.Console.ConsoleTime time) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, t("bcast.clipLabel"),
            clip.Title, SpokenDuration.Format(clip.DurationMs, t), time.Local(clip.UploadedAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
}
