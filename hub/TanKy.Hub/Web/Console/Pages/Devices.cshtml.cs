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
using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.Pages;

/// <summary>
/// Devices filtered by hamlet and kind, desired vs reported state, one-shot commands, bulk actions
/// and camera snapshots. Reading follows the zone scope; commands need the control role (admin,
/// technician), checked again on every POST because page handlers share the page's policy.
/// </summary>
public sealed class DevicesModel(
    DeviceRegistry registry,
    ZoneRegistry zones,
    LiveStatusTable live,
    DeviceStateReader states,
    CommandService commands,
    BulkService bulk,
    SnapshotStore snapshots,
    Translate t) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Zone> Zones { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Zone { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public bool CanControl { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public IActionResult OnGet() => Load();

    public async Task<IActionResult> OnPostCommandAsync(string id, string op, CancellationToken ct)
    {
        if (!MayControl())
        {
            return Forbid();
        }

        if (registry.Get(id) is null)
        {
            return NotFound();
        }

        try
        {
            var issued = await commands.IssueAsync(id, op, null, null, User.Identity?.Name, ct);
            var done = await commands.WaitAsync(issued.Id, ct);
            Say($"{id} · {op}: {done.Status}{(done.Error is { } e ? " — " + e : "")}", done.Status != CommandStatus.Ok);
        }
        catch (ControlValidationException ex)
        {
            Say(ex.Message, true);
        }

        return Load();
    }

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
            Say($"{t("devices.bulk-done")}: {result.Succeeded}/{result.Total} — " + string.Join(", ", result.Results.Select(r => $"{r.DeviceId} {r.Status}")), result.Failed > 0);
        }
        catch (ControlValidationException ex)
        {
            Say(ex.Message, true);
        }

        return Load();
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
        Zones = zones.List().Where(z => user.CanReachZone(z.Id)).ToList();
        if (Zone is not null && !user.CanReachZone(Zone))
        {
            Zone = null;
        }

        DeviceKind? kind = DeviceKinds.TryParse(Kind, out var k) ? k : null;
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
