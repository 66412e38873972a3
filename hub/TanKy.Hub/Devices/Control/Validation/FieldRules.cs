using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Protocol;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>Building blocks of the per-kind schemas. Each takes the field name so its reason can name it.</summary>
internal static class FieldRules
{
    public static Func<string, JsonNode, FieldContext, Checked> Integer(int min, int max) => (name, value, _) =>
    {
        if (!TryNumber(value, out var d) || d != Math.Floor(d))
        {
            return Checked.Fail($"{name} must be a whole number {min}–{max}");
        }

        return d < min || d > max ? Checked.Fail($"{name} must be {min}–{max}") : Checked.Ok(JsonValue.Create((int)d));
    };

    /// <summary>A JSON number, whether parsed from the wire or built in code (JsonValue of int, long, double…).</summary>
    public static bool TryNumber(JsonNode? value, out double number)
    {
        number = 0;
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    public static Func<string, JsonNode, FieldContext, Checked> Boolean() => (name, value, _) =>
        value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? Checked.Ok(JsonValue.Create(v.GetValue<bool>()))
            : Checked.Fail($"{name} must be true or false");

    public static Func<string, JsonNode, FieldContext, Checked> OneOf(params string[] allowed) => (name, value, _) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && allowed.Contains(s, StringComparer.Ordinal)
            ? Checked.Ok(JsonValue.Create(s))
            : Checked.Fail($"{name} must be one of {string.Join(", ", allowed)}");

    public static Checked Hours(string name, JsonNode value, FieldContext context)
    {
        _ = context;
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
        {
            return Checked.Fail($"{name} must be a text like 05:00-23:00");
        }

        return OpeningHours.TryParse(s, out var hours, out var error) ? Checked.Ok(JsonValue.Create(hours.ToString())) : Checked.Fail(error);
    }

    /// <summary>Zones a speaker follows: only zones the registry gives it, or the broker's ACL would refuse the subscription.</summary>
    public static Checked Zones(string name, JsonNode value, FieldContext context)
    {
        if (value is not JsonArray array || array.Count > 16)
        {
            return Checked.Fail($"{name} must be a list of at most 16 zone ids");
        }

        var zones = new List<string>();
        foreach (var item in array)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var zone) || !Identifiers.IsValid(zone))
            {
                return Checked.Fail($"{name} must contain zone ids (a–z, 0–9, '-')");
            }

            if (!context.RegistryZones.Contains(zone, StringComparer.Ordinal))
            {
                return Checked.Fail($"zone '{zone}' is not assigned to this device in the registry ({string.Join(", ", context.RegistryZones)})");
            }

            if (!zones.Contains(zone, StringComparer.Ordinal))
            {
                zones.Add(zone);
            }
        }

        return Checked.Ok(new JsonArray(zones.Select(z => (JsonNode?)JsonValue.Create(z)).ToArray()));
    }

    public static Checked Text(string name, JsonNode value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
        {
            return Checked.Fail($"{name} must be a text");
        }

        var error = LedText.Check(s, out var normalized);
        return error is null ? Checked.Ok(JsonValue.Create(normalized)) : Checked.Fail($"{name}: {error}");
    }
}
