using TanKy.Hub.Shared.Text;
using System.Text.Json.Nodes;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// The desired-state fields of every device kind, in one place: the HTTP API, the CLI (through
/// the API) and bulk operations all validate here, and protocol.md §4.9 documents the same table.
/// </summary>
public static class DesiredSchema
{
    private static readonly Dictionary<DeviceKind, Dictionary<string, Func<string, JsonNode, FieldContext, Checked>>> Fields = new()
    {
        [DeviceKind.Speaker] = new(StringComparer.Ordinal)
        {
            ["volume"] = FieldRules.Integer(0, 100),
            ["mute"] = FieldRules.Boolean(),
            ["power"] = FieldRules.Boolean(),
            ["zones"] = FieldRules.Zones,
        },
        [DeviceKind.WifiAp] = new(StringComparer.Ordinal)
        {
            ["ssid_broadcast"] = FieldRules.Boolean(),
            ["hours"] = FieldRules.Hours,
            ["client_kbps"] = FieldRules.Integer(64, 100_000),
            ["max_clients"] = FieldRules.Integer(1, 256),
        },
        [DeviceKind.Camera] = new(StringComparer.Ordinal)
        {
            ["power"] = FieldRules.Boolean(),
            ["recording"] = FieldRules.Boolean(),
        },
        [DeviceKind.LedBoard] = new(StringComparer.Ordinal)
        {
            ["power"] = FieldRules.Boolean(),
            ["brightness"] = FieldRules.Integer(0, 100),
            ["message"] = LedMessageRules.Message,
            ["schedule"] = LedMessageRules.Schedule,
        },
        [DeviceKind.Gateway] = new(StringComparer.Ordinal),
    };

    public static IReadOnlyCollection<string> FieldsOf(DeviceKind kind) => Fields[kind].Keys;

    /// <summary>
    /// Checks every field of <paramref name="changes"/> and returns them normalised (a null value
    /// stays null: it removes the key). Throws <see cref="ControlValidationException"/> with every reason.
    /// </summary>
    public static JsonObject Validate(DeviceKind kind, JsonObject changes, FieldContext context)
    {
        var rules = Fields[kind];
        var errors = new List<FieldError>();
        var result = new JsonObject();
        if (changes.Count == 0)
        {
            errors.Add(new FieldError("state", new TextMessage("rules2.desired.empty").Encode()));
        }

        foreach (var (name, value) in changes)
        {
            if (!rules.TryGetValue(name, out var rule))
            {
                errors.Add(new FieldError(name, rules.Count == 0
                    ? new TextMessage("rules2.desired.unknown-none", name, FieldWords.Kind(kind)).Encode()
                    : new TextMessage("rules2.desired.unknown", name, FieldWords.Kind(kind), string.Join(", ", rules.Keys)).Encode()));
                continue;
            }

            if (value is null)
            {
                if (name == "zones")
                {
                    // A speaker's desired zones are its registry zones: they can be changed, never removed.
                    errors.Add(new FieldError(name, new TextMessage("api2.zones.needs-one").Encode()));
                }
                else
                {
                    result[name] = null;
                }

                continue;
            }

            var check = rule(name, value, context);
            if (check.Error is not null)
            {
                errors.Add(new FieldError(name, check.Error));
            }
            else
            {
                result[name] = check.Value;
            }
        }

        return errors.Count > 0 ? throw new ControlValidationException(errors) : result;
    }
}
