using TanKy.Hub.Web.Console.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Web.Console.Audit;
using TanKy.Hub.Accounts.Http;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// Admins create users (hamlet heads with their zones) and disable or enable them; every change is
/// audited. A new user starts as a viewer (the least power: an admin raises the role on purpose),
/// and disabling asks first: the "Khoá" button only shows a confirmation form, and only that
/// form's own button (with <c>confirmed=true</c>) disables, so it works without JavaScript too.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserStore users, ZoneRegistry zones, ConsoleAudit audit, ConsoleText text) : PageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    /// <summary>The account waiting for the admin to confirm its disabling, or null.</summary>
    public string? ConfirmLock { get; private set; }

    /// <summary>What the new-user form's role list starts on.</summary>
    public static Role DefaultRole => Role.Viewer;

    public void OnGet() => Load();

    public IActionResult OnPostCreate(string? name, string? role, string[]? zoneIds, string? password)
    {
        var me = User.ToUser();
        name = (name ?? "").Trim();
        try
        {
            if (!Roles.TryParse(role, out var r))
            {
                throw new AccountException("account.error.unknown-role", role);
            }

            // Said before the store is asked, so the page names the form's fields rather than the CLI's options.
            if (r.Value.IsZoneScoped() && zoneIds is not { Length: > 0 })
            {
                throw new AccountException("users.need-zone");
            }

            if (password is not { Length: >= 10 })
            {
                throw new AccountException("password.rule");
            }

            users.Add(name, r.Value, r.Value.IsZoneScoped() ? zoneIds ?? [] : [], password);
            audit.Record(me.Name, "user-add", Target(name, "role." + role, r.Value.IsZoneScoped() ? zoneIds ?? [] : []), true, null, Remote);
            Message = $"✓ {name}";
        }
        catch (AccountException ex)
        {
            audit.Record(me.Name, "user-add", name, false, ex.Text.Encode(), Remote);
            Message = text.Say(ex.Text, HttpContext);
            MessageIsError = true;
        }

        Load();
        return Page();
    }

    public IActionResult OnPostDisable(string name, bool disabled, bool confirmed = false)
    {
        var me = User.ToUser();
        try
        {
            if (name == me.Name)
            {
                throw new AccountException("account.error.disable-self");
            }

            if (disabled && !confirmed)
            {
                ConfirmLock = users.Find(name)?.Name;
                Load();
                return Page();
            }

            users.SetDisabled(name, disabled);
            audit.Record(me.Name, disabled ? "user-disable" : "user-enable", name, true, null, Remote);
            if (disabled)
            {
                Message = text.Say(new TextMessage("users.locked", name), HttpContext);
            }
        }
        catch (AccountException ex)
        {
            Message = text.Say(ex.Text, HttpContext);
            MessageIsError = true;
        }

        Load();
        return Page();
    }

    // "an (Trưởng khối/xóm: khoi-1)" in the reader's language: the role is stored as its key.
    private static string Target(string name, string roleKey, string[] zoneIds) =>
        zoneIds.Length == 0 ? new TextMessage("audit.target.user", name, roleKey).Encode() : new TextMessage("audit.target.user-zones", name, roleKey, string.Join(", ", zoneIds)).Encode();

    private string? Remote => HttpContext.Connection.RemoteIpAddress?.ToString();

    private void Load()
    {
        Users = users.List();
        Zones = zones.List();
    }
}
