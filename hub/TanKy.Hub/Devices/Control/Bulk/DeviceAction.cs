using TanKy.Hub.Shared.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Bulk;

/// <summary>
/// What to do to which devices: a desired change (<see cref="Set"/>) or a command
/// (<see cref="Command"/>) for every device matching zone, kind and/or an explicit list. The
/// same record is stored for scheduled bulk actions and is what schedule files
/// (<c>schedules/*.yaml</c>, device actions) are loaded into, so all paths validate alike.
/// </summary>
public sealed record DeviceAction
{
    public string? Zone { get; init; }

    /// <summary>Wire name: speaker, wifi-ap, camera, led-board.</summary>
    public string? Kind { get; init; }

    public IReadOnlyList<string>? Devices { get; init; }

    public JsonObject? Set { get; init; }

    [JsonPropertyName("cmd")]
    public CommandSpec? Command { get; init; }

    /// <summary>Per-device command timeout, seconds (commands only).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Shape checks that need no registry; per-kind values are checked per device by <see cref="BulkService"/>.</summary>
    public IReadOnlyList<FieldError> CheckShape()
    {
        var errors = new List<FieldError>();
        if (Zone is null && Kind is null && Devices is not { Count: > 0 })
        {
            errors.Add(new FieldError("target", new TextMessage("rules2.bulk.no-target").Encode()));
        }

        if (Kind is not null && !DeviceKinds.TryParse(Kind, out _))
        {
            errors.Add(new FieldError("kind", new TextMessage("rules2.bulk.unknown-kind", Kind).Encode()));
        }

        if ((Set is null) == (Command is null))
        {
            errors.Add(new FieldError("action", new TextMessage("rules2.bulk.one-action").Encode()));
        }

        return errors;
    }
}

/// <summary>A command inside a <see cref="DeviceAction"/>.</summary>
public sealed record CommandSpec(string Op, JsonObject? Args);
