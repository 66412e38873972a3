using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TanKy.Hub.Devices;

namespace TanKy.Hub.Web.Console.DeviceForms;

/// <summary>
/// What the per-kind desired-state form of one device shows: today's values (desired, else
/// reported, else the device's default), or what was just typed when the form came back with
/// <see cref="Errors"/>; the page's filter, so the form posts back to the same filtered list.
/// </summary>
public sealed record DesiredFormView(
    DeviceRecord Device,
    JsonObject Desired,
    JsonObject? Reported,
    IReadOnlyList<Zone> Zones,
    IReadOnlyDictionary<string, string> Errors,
    IFormCollection? Posted,
    string? FilterZone,
    string? FilterKind)
{
    public IReadOnlyList<DesiredField> Fields => DesiredField.Of(Device.Kind);

    /// <summary>A camera's automatic snapshots (a hub setting, not desired state); null when off or not a camera.</summary>
    public TanKy.Hub.Devices.Control.Snapshots.SnapshotSchedule? SnapshotSchedule { get; init; }

    /// <summary>The form field of the automatic-snapshot interval (cameras only).</summary>
    public const string SnapshotEveryField = "snapshot_every";

    public JsonNode? Current(string key) => Desired[key] ?? Reported?[key];

    /// <summary>A text box's value: as typed after a refusal, otherwise today's value.</summary>
    public string Text(string name, Func<string?> today) => Posted is { } form ? form[name].ToString() : today() ?? "";

    public bool IsOn(DesiredField field) => Posted is { } form
        ? form[field.Key] == "true"
        : Current(field.Key) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : field.Default;

    public bool HasZone(string zone) => Posted is { } form
        ? form["zones"].Contains(zone)
        : (Current("zones") as JsonArray ?? new JsonArray()).Any(z => (string?)z == zone) || (Current("zones") is null && Device.Zones.Contains(zone));

    /// <summary>One half of <c>hours</c> ("05:00-23:00"): 0 the opening, 1 the closing time.</summary>
    public string? HoursPart(int index) => (string?)Current("hours") is { } h && h.Split('-') is [var open, var close] ? (index == 0 ? open : close) : null;

    public string? Message(string member) => Current("message")?[member] is JsonValue v ? v.ToString() : null;

    public (int Min, int Max) Limits(string key) => DesiredContract.Shared.Limits(Device.Kind, key);

    public string? Error(string key) => Errors.GetValueOrDefault(key);
}
