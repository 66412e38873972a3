using TanKy.Hub.Accounts.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Web.Console.Audit;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>Logins, users and tokens, emergency triggers, device commands and bulk actions in one filterable list. Hamlet heads see their own actions only.</summary>
[Authorize(Roles = "admin,officer,technician,hamlet-head")]
public sealed class AuditModel(AuditLogQuery query, ConsoleTime time, ConsoleText text, ConsoleNames names) : PageModel
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

    /// <summary>A stored code's label ("allowed" → "Cho phép"), or the code when it has none.</summary>
    public string Label(string prefix, string code) => text.Text.Label(prefix, code, ConsoleText.LanguageOf(HttpContext));

    /// <summary>An action: one code, or channel and action for emergencies ("api start"), each word by its label.</summary>
    public string ActionText(string action) => string.Join(" · ", action.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Label("audit.action.", w)));

    /// <summary>
    /// A stored target or reason: a text message in the reader's language, older free text as
    /// written. Emergency targets are "what → zones" (joined in SQL), so each side is read apart.
    /// Hamlet and device ids read as their names.
    /// </summary>
    public string Stored(string? value) =>
        value is null ? "" : string.Join(" → ", value.Split(" → ").Select(part => names.InText(text.Render(part, HttpContext))));
}
