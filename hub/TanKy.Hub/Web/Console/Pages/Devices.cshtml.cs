using TanKy.Hub.Web.Console.Text;
using TanKy.Hub.Accounts.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TanKy.Hub.Accounts;
using TanKy.Hub.Availability;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Hub.Devices.Control.Bulk;
using TanKy.Hub.Devices.Control.Commands;
using TanKy.Hub.Devices.Control.Snapshots;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Web.Console.DeviceForms;
using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// Devices filtered by hamlet and kind, desired vs reported state as readable fields, a form per
/// kind for desired state, one-shot commands, bulk actions and camera snapshots. Reading follows
/// the zone scope; changes need the control role (admin, technician), checked again on every POST
/// because page handlers share the page's policy. Every form posts to the page's own filter
/// (zone, kind in the query string), so the list stays filtered after a command.
/// </summary>
public sealed class DevicesModel(
    DeviceRegistry registry,
    ZoneRegistry zones,
    LiveStatusTable live,
    DeviceStateReader states,
    CommandService commands,
    BulkService bulk,
    SnapshotStore snapshots,
    SnapshotScheduleStore snapshotSchedules,
    Translate t) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    /// <summary>Every hamlet's name by id (a speaker's zones are ticked by name).</summary>
    public IReadOnlyDictionary<string, string> ZoneNames { get; private set; } = new Dictionary<string, string>();

    [BindProperty(SupportsGet = true)]
    public string? Zone { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public bool CanControl { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    /// <summary>The device whose form was just posted with errors: its form stays open with what was typed.</summary>
    public string? FormDevice { get; private set; }

    public Dictionary<string, string> FormErrors { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The refused form as it was posted, shown again so nothing typed is lost.</summary>
    public Microsoft.AspNetCore.Http.IFormCollection? PostedForm { get; private set; }

    /// <summary>The desired-state form of one row: the posted values and reasons when it is the one that came back refused.</summary>
    public DesiredFormView FormOf(Row row)
    {
        var posted = FormDevice == row.Device.Id;
        return new DesiredFormView(
            row.Device,
            row.State?.Desired?.State ?? new JsonObject(),
            row.State?.Reported?.State,
            Zones,
            posted ? FormErrors : new Dictionary<string, string>(),
            posted ? PostedForm : null,
            Zone,
            Kind)
        {
            SnapshotSchedule = row.Device.Kind == DeviceKind.Camera ? snapshotSchedules.Get(row.Device.Id) : null,
        };
    }

    public IActionResult OnGet() => Load();

    public async Task<IActionResult> OnPostCommandAsync(string id, string op, CancellationToken ct)
    {
        if (!MayControl())
        {
            return Forbid();
        }

        if (registry.Get(id) is not { } device)
        {
            return NotFound();
        }

        try
        {
            var issued = await commands.IssueAsync(id, op, null, null, User.Identity?.Name, ct);
            var done = await commands.WaitAsync(issued.Id, ct);
            Say($"{device.Name} · {OpName(op)}: {t("devices.cmd." + done.Status)}{(done.Error is { } e ? " — " + TanKy.Hub.Shared.Text.HubText.Default.Render(e, TanKy.Hub.Shared.Text.HubText.LanguageOf(HttpContext)) : "")}", done.Status != CommandStatus.Ok);
        }
        catch (ControlValidationException)
        {
            Say(t("devices.cmd-unknown"), true);
        }

        return Load();
    }

    public async Task<IActionResult> OnPostDesiredAsync(string id, CancellationToken ct)
    {
        if (!MayControl())
        {
            return Forbid();
        }

        if (registry.Get(id) is not { } device)
        {
            return NotFound();
        }

        var reader = new DesiredFormReader(device.Kind, states.Read(id)?.Desired?.State ?? new JsonObject(), t);
        var changes = reader.Read(Request.Form);
        var (snapshotChanged, snapshotEvery) = device.Kind == DeviceKind.Camera ? ReadSnapshotEvery(id, reader.Errors) : (false, null);
        if (reader.Errors.Count == 0 && changes.Count == 0 && !snapshotChanged)
        {
            Say($"{device.Name}: {t("devform.nothing")}", false);
            return Load();
        }

        if (reader.Errors.Count == 0)
        {
            if (snapshotChanged)
            {
                snapshotSchedules.Set(id, snapshotEvery, User.Identity?.Name);
                Say($"{device.Name}: {SnapshotSaid(snapshotEvery)}", false);
            }

            if (changes.Count > 0)
            {
                var snapshotSaid = snapshotChanged ? " · " + SnapshotSaid(snapshotEvery) : "";
                await ApplyAsync(device, changes, reader.Errors, ct);
                Message += snapshotSaid;
            }
        }

        if (reader.Errors.Count > 0)
        {
            FormDevice = id;
            FormErrors = reader.Errors;
            PostedForm = Request.Form;
            Say($"{device.Name}: {t("devform.refused")}", true);
        }

        return Load();
    }

    private async Task ApplyAsync(DeviceRecord device, JsonObject changes, Dictionary<string, string> errors, CancellationToken ct)
    {
        try
        {
            var result = await bulk.RunAsync(new DeviceAction { Devices = [device.Id], Set = changes }, User.Identity?.Name, ct);
            var outcome = result.Results.Single();
            Say($"{device.Name}: {t("devform.outcome." + outcome.Status)}", !outcome.Succeeded);
        }
        catch (ControlValidationException ex)
        {
            // The hub's own rules refused what the contract allowed (e.g. a hamlet removed meanwhile).
            foreach (var e in ex.Errors)
            {
                var key = e.Field.StartsWith(device.Id + ".", StringComparison.Ordinal) ? e.Field[(device.Id.Length + 1)..] : e.Field;
                errors.TryAdd(key, string.Format(System.Globalization.CultureInfo.InvariantCulture, t("devform.err.contract"), new StateText(t, ZoneNames).Label(key)));
            }
        }
    }

    /// <summary>
    /// The camera's "snapshot every … minutes" box: empty or 0 is off, otherwise 5–1440 (the API's
    /// rule, <see cref="SnapshotInterval"/>). Returns whether it differs from the stored setting.
    /// </summary>
    private (bool Changed, int? Minutes) ReadSnapshotEvery(string id, Dictionary<string, string> errors)
    {
        var text = Request.Form[DesiredFormView.SnapshotEveryField].ToString().Replace(t("camsnap.unit"), "", StringComparison.Ordinal).Trim();
        int? minutes = null;
        if (text.Length > 0)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                || (n != 0 && n is < SnapshotInterval.MinMinutes or > SnapshotInterval.MaxMinutes))
            {
                errors[DesiredFormView.SnapshotEveryField] = string.Format(System.Globalization.CultureInfo.InvariantCulture, t("camsnap.err.form"), SnapshotInterval.MinMinutes, SnapshotInterval.MaxMinutes);
                return (false, null);
            }

            minutes = n == 0 ? null : n;
        }

        return (snapshotSchedules.Get(id)?.EveryMinutes != minutes, minutes);
    }

    private string SnapshotSaid(int? minutes) => minutes is { } m
        ? string.Format(System.Globalization.CultureInfo.InvariantCulture, t("camsnap.saved-on"), m)
        : t("camsnap.saved-off");

    public async Task<IActionResult> OnPostBulkAsync(string? bulkZone, string? bulkKind, string? op, string? desired, CancellationToken ct)
    {
        if (!MayControl())
        {
            return Forbid();
        }

        JsonObject? set = null;
        try
        {
            set = string.IsNullOrWhiteSpace(desired) ? null : JsonNode.Parse(desired) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            Say(t("devices.bad-json"), true);
            return Load();
        }

        var action = new DeviceAction
        {
            Zone = string.IsNullOrEmpty(bulkZone) ? null : bulkZone,
            Kind = string.IsNullOrEmpty(bulkKind) ? null : bulkKind,
            Set = set,
            Command = string.IsNullOrWhiteSpace(op) ? null : new CommandSpec(op.Trim(), null),
        };
        try
        {
            var result = await bulk.RunAsync(action, User.Identity?.Name, ct);
            var each = result.Results.Select(r => $"{registry.Get(r.DeviceId)?.Name ?? r.DeviceId}: {t("devform.outcome." + r.Status)}");
            Say($"{t("devices.bulk-done")}: {result.Succeeded}/{result.Total} — " + string.Join(", ", each), result.Failed > 0);
        }
        catch (ControlValidationException ex)
        {
            // Field names stay as typed (the technician typed them); the reasons are the hub's rule texts.
            Say(t("devices.bulk-refused") + " " + string.Join("; ", ex.Errors.Select(e => e.Field)), true);
        }

        return Load();
    }

    /// <summary>The label of a command for the list, e.g. "Khởi động lại" for <c>reboot</c>.</summary>
    public string OpName(string op)
    {
        var name = t("devices.op." + op);
        return name.StartsWith('[') ? op : name;
    }

    private bool MayControl() => User.ToUser().Role is Role.Admin or Role.Technician;

    private void Say(string message, bool error)
    {
        Message = message;
        MessageIsError = error;
    }

    private PageResult Load()
    {
        var user = User.ToUser();
        CanControl = MayControl();
        var all = zones.List();
        ZoneNames = all.ToDictionary(z => z.Id, z => z.Name, StringComparer.Ordinal);
        Zones = all.Where(z => user.CanReachZone(z.Id)).ToList();
        if (Zone is not null && !user.CanReachZone(Zone))
        {
            Zone = null;
        }

        DeviceKind? kind = DeviceKinds.TryParse(Kind, out var k) ? k : null;
        Kind = kind?.ToWire();
        Rows = registry.List(string.IsNullOrEmpty(Zone) ? null : Zone, kind)
            .Where(d => user.CanReachAny(d.Zones))
            .Select(d => new Row(
                d,
                live.Find(d.Id)?.Status ?? d.Status,
                states.Read(d.Id),
                CommandCatalog.OpsOf(d.Kind),
                d.Kind == DeviceKind.Camera ? (snapshots.List(d.Id, 1) is [var latest, ..] ? latest : null) : null))
            .ToList();
        return Page();
    }

    public sealed record Row(DeviceRecord Device, string Status, DeviceStateView? State, IReadOnlyList<string> Ops, SnapshotRecord? Snapshot);
}
