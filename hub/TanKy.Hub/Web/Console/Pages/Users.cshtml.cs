using TanKy.Hub.Web.Console.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Web.Console.Audit;
using TanKy.Hub.Accounts.Http;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// Admins create users (hamlet heads with their zones) and disable or enable them; every change is
/// audited. A new user starts as a viewer (the least power: an admin raises the role on purpose),
/// and disabling asks first: the "Khoá" button only shows a confirmation form, and only that
/// form's own button (with <c>confirmed=true</c>) disables, so it works without JavaScript too.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(UserStore users, ZoneRegistry zones, ConsoleAudit audit, Translate t) : PageModel
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
                throw new AccountException(t("users.unknown-role"));
            }

            // The store's own messages are written for the CLI: say the common mistakes in the page's language.
            if (r.Value.IsZoneScoped() && zoneIds is not { Length: > 0 })
            {
                throw new AccountException(t("users.need-zone"));
            }

            if (password is not { Length: >= 10 })
            {
                throw new AccountException(t("password.rule"));
            }

            users.Add(name, r.Value, r.Value.IsZoneScoped() ? zoneIds ?? [] : [], password);
            audit.Record(me.Name, "user-add", $"{name} ({role}{(zoneIds is { Length: > 0 } && r.Value.IsZoneScoped() ? ": " + string.Join(',', zoneIds) : "")})", true, null, Remote);
            Message = $"✓ {name}";
        }
        catch (AccountException ex)
        {
            audit.Record(me.Name, "user-add", name, false, ex.Message, Remote);
            Message = ex.Message;
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
                throw new AccountException(t("users.self-disable"));
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
                Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, t("users.locked"), name);
            }
        }
        catch (AccountException ex)
        {
            Message = ex.Message;
            MessageIsError = true;
        }

        Load();
        return Page();
    }

    private string? Remote => HttpContext.Connection.RemoteIpAddress?.ToString();

    private void Load()
    {
        Users = users.List();
        Zones = zones.List();
    }
}
