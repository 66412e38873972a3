using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Broadcasts.History;
using TanKy.Hub.Devices;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.History;

/// <summary>
/// "Lịch sử phát": every past broadcast, filtered by day range, hamlet, class and who started it,
/// paged; each opens its delivery report and plays its archived recording. Whoever may read
/// reports may read this; a hamlet head sees only broadcasts touching their own hamlets.
/// </summary>
[Authorize]
public sealed class IndexModel(BroadcastHistory history, ZoneRegistry zoneRegistry, ConsoleTime time, Translate t) : PageModel
{
    public static readonly string[] Classes = ["normal", "priority", "emergency"];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Zone { get; set; }

    [BindProperty(SupportsGet = true, Name = "class")]
    public string? Class { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public IReadOnlyDictionary<string, string> ZoneNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Operators { get; private set; } = [];

    public HistoryPage Result { get; private set; } = new([], 0, 1, HistoryFilter.DefaultPageSize);

    /// <summary>Why the filter could not be applied, in the reader's language; null when it was.</summary>
    public string? Error { get; private set; }

    public void OnGet()
    {
        var user = User.ToUser();
        var scope = user.Role.IsZoneScoped() ? user.Zones : null;
        var all = zoneRegistry.List();
        ZoneNames = all.ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        Zones = all.Where(z => user.CanReachZone(z.Id)).ToList();
        Operators = history.Operators(scope);
        if (Validate() is { } error)
        {
            Error = error;
            return;
        }

        Result = history.Find(new HistoryFilter
        {
            From = time.StartOfDay(From),
            To = time.StartOfDay(To)?.AddDays(1),
            Zone = Blank(Zone),
            Class = Blank(Class),
            Operator = Blank(Who),
            Scope = scope,
            Page = PageNumber,
        });
    }

    /// <summary>Display names of a broadcast's hamlets (the id when a hamlet has since been removed).</summary>
    public string ZonesText(IEnumerable<string> zones) => string.Join(", ", zones.Select(z => ZoneNames.TryGetValue(z, out var n) ? n : z));

    /// <summary>The query string of another page of the same filter.</summary>
    public string PageLink(int page)
    {
        var q = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                q.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("from", From);
        Add("to", To);
        Add("zone", Zone);
        Add("class", Class);
        Add("who", Who);
        Add("p", page.ToString(CultureInfo.InvariantCulture));
        return "/history?" + string.Join('&', q);
    }

    private string? Validate()
    {
        if (!string.IsNullOrEmpty(From) && time.StartOfDay(From) is null)
        {
            return string.Format(CultureInfo.InvariantCulture, t("history.err.date"), From);
        }

        if (!string.IsNullOrEmpty(To) && time.StartOfDay(To) is null)
        {
            return string.Format(CultureInfo.InvariantCulture, t("history.err.date"), To);
        }

        if (time.StartOfDay(From) is { } f && time.StartOfDay(To) is { } e && e < f)
        {
            return t("history.err.range");
        }

        if (!string.IsNullOrEmpty(Class) && !Classes.Contains(Class))
        {
            return t("history.err.class");
        }

        return PageNumber < 1 ? t("history.err.page") : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
