using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Relay.Sources;
using TanKy.Hub.Shared.Text;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Web.Console.Audit;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.Pages.Sources;

/// <summary>
/// "Nguồn tiếp sóng": the relay sources, a form to add one (URLs one per line, checked by the same
/// rules as the CLI and the API), removal, and a check that listens to a source for a few seconds
/// and shows its format and loudness. Admins and officers, who run the programme; additions
/// (refused ones too) and removals are in the console audit.
/// </summary>
[Authorize(Roles = "admin,officer")]
public sealed class IndexModel(RelaySourceStore store, RelaySourceChecker checker, ConsoleAudit audit, ConsoleText text) : PageModel
{
    /// <summary>Seconds a check listens: long enough for a loudness figure, short enough to wait for on a page.</summary>
    public const int CheckSeconds = 5;

    public IReadOnlyList<RelaySource> Sources { get; private set; } = [];

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public RelaySourceCheck? Checked { get; private set; }

    /// <summary>The add form as it was posted, so a refused source is not typed again.</summary>
    public (string Id, string Name, string Urls) Form { get; private set; } = ("", "", "");

    public void OnGet() => Load();

    public IActionResult OnPostAdd(string? id, string? name, string? urls)
    {
        var lines = (urls ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        try
        {
            var added = store.Add(id, name, lines);
            audit.Record(User.ToUser().Name, "source-add", added.Id, true, null, Remote);
            Message = text.Say(new TextMessage("relaysrc.page.added", added.Id), HttpContext);
        }
        catch (RelaySourceException ex)
        {
            audit.Record(User.ToUser().Name, "source-add", (id ?? "").Trim(), false, ex.Text.Encode(), Remote);
            Message = text.Say(ex.Text, HttpContext);
            MessageIsError = true;
            Form = (id ?? "", name ?? "", urls ?? "");
        }

        Load();
        return Page();
    }

    public IActionResult OnPostRemove(string id)
    {
        if (store.Remove(id))
        {
            audit.Record(User.ToUser().Name, "source-remove", id, true, null, Remote);
            Message = text.Say(new TextMessage("relaysrc.page.removed", id), HttpContext);
        }
        else
        {
            Message = text.Say(new TextMessage("relaysrc.cli.no-source", id), HttpContext);
            MessageIsError = true;
        }

        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(string id, CancellationToken ct)
    {
        if (store.Find(id) is { } source)
        {
            Checked = await checker.CheckAsync(source, CheckSeconds, ct);
        }
        else
        {
            Message = text.Say(new TextMessage("relaysrc.cli.no-source", id), HttpContext);
            MessageIsError = true;
        }

        Load();
        return Page();
    }

    private string? Remote => HttpContext.Connection.RemoteIpAddress?.ToString();

    private void Load() => Sources = store.List();
}
