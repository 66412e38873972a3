using TanKy.Hub.Shared.Text;
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
            return Checked.Fail("rules2.field.whole-number", FieldWords.Field(name), min, max);
        }

        return d < min || d > max ? Checked.Fail("rules2.field.range", FieldWords.Field(name), min, max) : Checked.Ok(JsonValue.Create((int)d));
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
            : Checked.Fail("rules2.field.boolean", FieldWords.Field(name));

    public static Func<string, JsonNode, FieldContext, Checked> OneOf(params string[] allowed) => (name, value, _) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) && allowed.Contains(s, StringComparer.Ordinal)
            ? Checked.Ok(JsonValue.Create(s))
            : Checked.Fail("rules2.field.one-of", FieldWords.Field(name), string.Join(", ", allowed));

    public static Checked Hours(string name, JsonNode value, FieldContext context)
    {
        _ = context;
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
        {
            return Checked.Fail("rules2.field.hours-text", FieldWords.Field(name));
        }

        return OpeningHours.TryParse(s, out var hours, out var error) ? Checked.Ok(JsonValue.Create(hours.ToString())) : Checked.Fail(error.Encode());
    }

    /// <summary>
    /// Zones a speaker follows (its desired <c>zones</c>, which are also its registry zones): a
    /// JSON list of zone ids or one text of comma-separated ids (<c>zones=khoi-1,xom-2</c> from the
    /// CLI, where <c>key=value</c> has no list syntax). Each must exist in the zone registry.
    /// </summary>
    public static Checked Zones(string name, JsonNode value, FieldContext context)
    {
        List<JsonNode?> items;
        if (value is JsonArray array)
        {
            items = [.. array];
        }
        else if (value is JsonValue text && text.TryGetValue<string>(out var csv))
        {
            items = [.. csv.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(z => (JsonNode?)JsonValue.Create(z))];
        }
        else if (TryNumber(value, out _))
        {
            // A zone id of digits only ("zones=12") reaches us as a JSON number.
            items = [JsonValue.Create(value.ToJsonString())];
        }
        else
        {
            return Checked.Fail(new TextMessage("api2.zones.list", FieldWords.Field(name)).Encode());
        }

        if (items.Count == 0)
        {
            return Checked.Fail(new TextMessage("api2.zones.none", FieldWords.Field(name)).Encode());
        }

        if (items.Count > 16)
        {
            return Checked.Fail(new TextMessage("api2.zones.max", FieldWords.Field(name)).Encode());
        }

        var zones = new List<string>();
        foreach (var item in items)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var zone) || !Identifiers.IsValid(zone))
            {
                var shown = item is JsonValue sv && sv.TryGetValue<string>(out var raw) ? raw : item?.ToJsonString();
                return Checked.Fail(new TextMessage("api2.zones.bad-id", FieldWords.Field(name), shown).Encode());
            }

            if (context.ZoneExists is { } exists && !exists(zone))
            {
                return Checked.Fail(new TextMessage("api2.zones.unknown", zone).Encode());
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
            return Checked.Fail("rules2.field.text", FieldWords.Field(name));
        }

        var error = LedText.Check(name, s, out var normalized);
        return error is null ? Checked.Ok(JsonValue.Create(normalized)) : Checked.Fail(error.Encode());
    }
}
