using System.Text.Json.Nodes;
using TanKy.Hub.Shared.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>The one-shot operations of every kind and their arguments (protocol.md §4.5 and §4.9).</summary>
public static class CommandCatalog
{
    public const string Snapshot = "snapshot";

    private static readonly Dictionary<string, Func<string, JsonNode, FieldContext, Checked>> NoArgs = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, Dictionary<string, Func<string, JsonNode, FieldContext, Checked>>> Common = new(StringComparer.Ordinal)
    {
        ["ping"] = NoArgs,
        ["reboot"] = NoArgs,
    };

    private static readonly Dictionary<DeviceKind, Dictionary<string, Dictionary<string, Func<string, JsonNode, FieldContext, Checked>>>> PerKind = new()
    {
        [DeviceKind.Speaker] = new(StringComparer.Ordinal)
        {
            ["tone"] = new(StringComparer.Ordinal) { ["freq_hz"] = FieldRules.Integer(100, 4000), ["seconds"] = FieldRules.Integer(1, 30) },
        },
        [DeviceKind.WifiAp] = new(StringComparer.Ordinal) { ["status"] = NoArgs },
        [DeviceKind.Camera] = new(StringComparer.Ordinal) { [Snapshot] = NoArgs },
        [DeviceKind.LedBoard] = new(StringComparer.Ordinal),
        [DeviceKind.Gateway] = new(StringComparer.Ordinal),
    };

    public static IReadOnlyList<string> OpsOf(DeviceKind kind) => Common.Keys.Concat(PerKind[kind].Keys).ToList();

    /// <summary>Checks <paramref name="op"/> and its arguments for a device of <paramref name="kind"/>; throws with every reason.</summary>
    public static JsonObject Validate(DeviceKind kind, string op, JsonObject? args)
    {
        if (!Common.TryGetValue(op, out var rules) && !PerKind[kind].TryGetValue(op, out rules))
        {
            throw new ControlValidationException([new FieldError("op", new TextMessage("rules2.command.unknown-op", op, FieldWords.Kind(kind), string.Join(", ", OpsOf(kind))).Encode())]);
        }

        var errors = new List<FieldError>();
        var result = new JsonObject();
        foreach (var (name, value) in args ?? [])
        {
            if (!rules.TryGetValue(name, out var rule))
            {
                errors.Add(new FieldError($"args.{name}", new TextMessage("rules2.command.unknown-arg", name, op).Encode()));
            }
            else if (value is not null)
            {
                var check = rule(name, value, FieldContext.None);
                if (check.Error is not null)
                {
                    errors.Add(new FieldError($"args.{name}", check.Error));
                }
                else
                {
                    result[name] = check.Value;
                }
            }
        }

        return errors.Count > 0 ? throw new ControlValidationException(errors) : result;
    }
}
