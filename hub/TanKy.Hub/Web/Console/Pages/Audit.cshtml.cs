using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Web.Console.Audit;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>Logins, users and tokens, emergency triggers, device commands and bulk actions in one filterable list. Hamlet heads see their own actions only.</summary>
[Authorize(Roles = "admin,officer,technician,hamlet-head")]
public sealed class AuditModel(AuditLogQuery query, ConsoleTime time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public bool OwnOnly { get; private set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IActionResult OnGet()
    {
        var me = User.ToUser();
        OwnOnly = me.Role == Role.HamletHead;
        if (OwnOnly)
        {
            Actor = me.Name;
        }

        Entries = query.Find(new AuditFilter(Source, Actor, Outcome, Text, time.StartOfDay(From), time.StartOfDay(To)?.AddDays(1)));
        return Page();
    }
}
