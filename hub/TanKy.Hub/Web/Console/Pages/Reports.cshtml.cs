using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Devices;
using TanKy.Hub.Reports;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// The indicator report for a period, shown in the page and downloadable as HTML or CSV. The
/// report itself comes from <c>GET /api/v1/reports</c> (same scope rules); this page checks the
/// period first so a mistake is shown next to the field instead of as an API error.
/// </summary>
public sealed class ReportsModel(ZoneRegistry zones, ConsoleTime time, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Zone { get; set; }

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The API query (without format) when the form is valid.</summary>
    public string? Query { get; private set; }

    public IActionResult OnGet()
    {
        var user = User.ToUser();
        Zones = zones.List().Where(z => user.CanReachZone(z.Id)).ToList();
        if (!string.IsNullOrEmpty(Zone) && !user.CanReachZone(Zone))
        {
            return Forbid();
        }

        var usesDates = !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To);
        if (!usesDates && string.IsNullOrEmpty(Period))
        {
            Period = time.Local(clock.GetUtcNow()).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            _ = usesDates ? ReportPeriod.FromDates(From ?? "", To ?? "") : ReportPeriod.Parse(Period!);
            var q = usesDates ? $"from={Uri.EscapeDataString(From!)}&to={Uri.EscapeDataString(To!)}" : $"period={Uri.EscapeDataString(Period!)}";
            Query = string.IsNullOrEmpty(Zone) ? q : $"{q}&zone={Uri.EscapeDataString(Zone)}";
        }
        catch (ReportInputException ex)
        {
            // A whole sentence with the reason, in the page's language (no English exception text).
            Error = ex.MessageIn(Text.ConsoleText.LanguageOf(HttpContext));
        }

        return Page();
    }
}
