using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Web.Console.Week;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Web.Console.Pages.Programme;

/// <summary>The agenda as a week grid (any signed-in user, zone-scoped), the programmes, and the folder's refused changes.</summary>
[Authorize]
public sealed class IndexModel(AgendaService agenda, ProgrammeStore store, ZoneRegistry zoneRegistry, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Week { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Zone { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Saved { get; set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<WeekDay> Days { get; private set; } = [];

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public IReadOnlyList<Schedules.Model.Programme> Programmes { get; private set; } = [];

    public IReadOnlyList<ScheduleError> FolderErrors { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public IActionResult OnGet()
    {
        var user = User.ToUser();
        Zones = zoneRegistry.List().Where(z => user.CanReachZone(z.Id)).ToList();
        if (Zone is { Length: > 0 } && Zones.All(z => z.Id != Zone))
        {
            return Forbid();
        }

        Zone = Zone is { Length: > 0 } ? Zone : null;
        Week = Math.Clamp(Week, -52, 52);
        Today = CommuneTime.LocalDate(time.GetUtcNow());
        var monday = WeekView.MondayOf(Today).AddDays(7 * Week);
        var set = store.Current ?? ProgrammeSet.Empty;
        var entries = agenda.Build(set, CommuneTime.At(monday, TimeOnly.MinValue), 7, Zone).Where(e => user.CanReachZone(e.Zone));
        Days = WeekView.Build(entries, monday);
        Programmes = set.Programmes.Where(p => set.ZonesOf(p).Any(user.CanReachZone)).OrderBy(p => p.Title, StringComparer.CurrentCulture).ToList();
        CanEdit = user.Role is Role.Admin or Role.Officer;
        FolderErrors = CanEdit ? store.LastErrors : [];
        return Page();
    }

    /// <summary>Hamlet names ("Khối 1") for ids; an id the registry no longer has is shown as is.</summary>
    public string ZoneNames(IEnumerable<string> ids) =>
        string.Join(", ", ids.Select(id => Zones.FirstOrDefault(z => z.Id == id)?.Name ?? id));

    public string WeekLink(int week) => $"?week={week}" + (Zone is null ? "" : "&zone=" + Uri.EscapeDataString(Zone));
}
