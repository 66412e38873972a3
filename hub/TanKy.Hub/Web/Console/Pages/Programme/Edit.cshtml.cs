using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Devices;
using TanKy.Hub.Media;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Editing;

namespace TanKy.Hub.Web.Console.Pages.Programme;

/// <summary>
/// Create or edit one programme (admins and culture officers). The form goes through
/// <see cref="ProgrammeEditor"/>: the schedule files' own validator, errors next to their fields,
/// nothing written when refused.
/// </summary>
[Authorize(Roles = "admin,officer")]
public sealed class EditModel(ProgrammeEditor editor, ProgrammeStore store, ZoneRegistry zoneRegistry, MediaLibrary media, IEnumerable<IRelaySources> relaySources) : PageModel
{
    [BindProperty]
    public ProgrammeDraft Draft { get; set; } = new();

    /// <summary>The programme being edited; null when creating one.</summary>
    public string? Id { get; private set; }

    public ProgrammeSaveResult? Result { get; private set; }

    public string? CannotEdit { get; private set; }

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public IReadOnlyList<MediaItem> Clips { get; private set; } = [];

    /// <summary>The registered relay sources (tiếp sóng) a programme may relay; none before the sources registry exists.</summary>
    public IReadOnlyList<RelaySource> Sources { get; private set; } = [];

    /// <summary>Calendars by their Vietnamese titles ("Nghỉ lễ, Tết 2026–2027"), not their ids.</summary>
    public IReadOnlyList<(string Id, string Title)> Calendars { get; private set; } = [];


    public IActionResult OnGet(string? id)
    {
        Id = id;
        if (id is not null)
        {
            if (store.Current?.Programmes.Any(p => p.Id == id) != true)
            {
                return NotFound();
            }

            if (editor.Load(id) is { } draft)
            {
                Draft = draft;
            }
            else
            {
                CannotEdit = id;
            }
        }

        return Fill();
    }

    public IActionResult OnPost(string? id)
    {
        Id = id;
        var by = User.Identity?.Name ?? "unknown";
        Result = id is null ? editor.Create(Draft, by) : editor.Update(id, Draft, by);
        return Result.Saved ? Redirect("/programme?saved=" + Uri.EscapeDataString(Draft.Id)) : Fill();
    }

    public IActionResult OnPostDelete(string id)
    {
        Id = id;
        Result = editor.Delete(id, User.Identity?.Name ?? "unknown");
        return Result.Saved ? Redirect("/programme") : Fill();
    }

    public IReadOnlyList<string> ErrorsOf(string field) => Result?.ErrorsOf(field) ?? [];

    private PageResult Fill()
    {
        Zones = zoneRegistry.List();
        Sources = relaySources.SelectMany(r => r.List()).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Clips = media.List();
        Calendars = store.Current?.Calendars.Values.Select(c => (c.Id, c.Title)).OrderBy(c => c.Title, StringComparer.CurrentCulture).ToList() ?? [];
        // Newest clips first: what an officer just uploaded is what they want to schedule.
        Clips = Clips.OrderByDescending(c => c.UploadedAt).ToList();
        return Page();
    }
}
