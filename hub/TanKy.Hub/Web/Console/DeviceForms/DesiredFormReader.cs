using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TanKy.Hub.Web.Console.Text;
using TanKy.Protocol;

namespace TanKy.Hub.Web.Console.DeviceForms;

/// <summary>
/// Turns a posted device form into desired changes, or into Vietnamese reasons per field. What a
/// person types is read leniently ("7h30", "70 %"), then the whole new desired state is checked
/// against the contract's JSON Schema; the hub's own rules check it once more when it is stored.
/// Limits (LED text length, seconds, number ranges) are read from the schema, not repeated here.
/// Only keys whose value differs from the current desired state become changes.
/// </summary>
public sealed class DesiredFormReader(DeviceKind kind, JsonObject current, Translate t)
{
    private readonly JsonObject _changes = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public JsonObject Read(IFormCollection form)
    {
        foreach (var field in DesiredField.Of(kind))
        {
            var value = field.Input switch
            {
                FieldInput.Number => Number(field, form[field.Key]),
                FieldInput.Switch => JsonValue.Create(form[field.Key] == "true"),
                FieldInput.Hours => Hours(form["hours_open"], form["hours_close"]),
                FieldInput.Zones => Zones(form["zones"]),
                FieldInput.LedMessage => Message(form["message_text"], form["message_class"], form["message_seconds"]),
                _ => null,
            };
            // An untouched switch on a key the hub never set is the device's default: no change.
            var unchanged = JsonNode.DeepEquals(value, current[field.Key])
                || (field.Input == FieldInput.Switch && current[field.Key] is null && (bool)value! == field.Default);
            if (!Errors.ContainsKey(field.Key) && !unchanged)
            {
                _changes[field.Key] = value;
            }
        }

        if (Errors.Count == 0)
        {
            CheckContract();
        }

        return _changes;
    }

    /// <summary>Whole numbers from the schema's limits; "70 %" and " 70 " are 70; empty removes the key.</summary>
    private JsonNode? Number(DesiredField field, string? text)
    {
        var digits = (text ?? "").Replace(field.Unit ?? "\0", "", StringComparison.Ordinal).Trim();
        if (digits.Length == 0)
        {
            return null;
        }

        var (min, max) = DesiredContract.Shared.Limits(kind, field.Key);
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Fail(field.Key, "devform.err.number", Label(field.Key), min, max);
            return null;
        }

        return JsonValue.Create(n);
    }

    private JsonNode? Hours(string? open, string? close)
    {
        open = open?.Trim() ?? "";
        close = close?.Trim() ?? "";
        if (open.Length == 0 && close.Length == 0)
        {
            return null;
        }

        if (open.Length == 0 || close.Length == 0)
        {
            return Fail("hours", "devform.err.hours-both");
        }

        var start = TimeOfDay(open, allowMidnight: false);
        var end = TimeOfDay(close, allowMidnight: true);
        if (start is null)
        {
            return Fail("hours", "devform.err.hours-open", open);
        }

        if (end is null)
        {
            return Fail("hours", "devform.err.hours-close", close);
        }

        return start == end ? Fail("hours", "devform.err.hours-same") : JsonValue.Create($"{start}-{end}");
    }

    /// <summary>"7h30", "7h", "7:30" or "07:30" as HH:MM; null when it is not a time of day (24:00 only as an end).</summary>
    public static string? TimeOfDay(string text, bool allowMidnight)
    {
        var parts = text.ToLowerInvariant().Replace('h', ':').Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || parts[0].Length > 2)
        {
            return null;
        }

        var m = 0;
        if (parts.Length == 2 && parts[1].Length > 0 && (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out m)))
        {
            return null;
        }

        var ok = (h < 24 && m < 60) || (allowMidnight && h == 24 && m == 0);
        return ok ? $"{h:00}:{m:00}" : null;
    }

    private JsonNode? Zones(IEnumerable<string?> ticked)
    {
        var zones = ticked.Where(z => !string.IsNullOrEmpty(z)).Distinct(StringComparer.Ordinal).ToList();
        if (zones.Count == 0)
        {
            // A speaker always follows at least one hamlet: an empty tick list changes nothing.
            return Fail("zones", "devform.err.zones-none");
        }

        return new JsonArray(zones.Select(z => (JsonNode?)JsonValue.Create(z)).ToArray());
    }

    private JsonNode? Message(string? text, string? style, string? seconds)
    {
        var normalized = (text ?? "").Normalize(NormalizationForm.FormC).Trim();
        if (normalized.Length == 0)
        {
            return null;
        }

        var contract = DesiredContract.Shared;
        var maxLength = contract.Number(DeviceKind.LedBoard, "$defs", "message", "properties", "text", "maxLength");
        var length = normalized.EnumerateRunes().Count();
        if (length > maxLength)
        {
            return Fail("message", "devform.err.led-long", length, maxLength);
        }

        // The schema's pattern refuses a whole text; trying each character alone finds the one to name.
        var bad = normalized.EnumerateRunes().Distinct().FirstOrDefault(r => !Rune.IsWhiteSpace(r)
            && contract.FailingKeys(DeviceKind.LedBoard, new JsonObject { ["message"] = new JsonObject { ["text"] = r.ToString() } }).Count > 0);
        if (bad.Value != 0)
        {
            return Fail("message", "devform.err.led-char", bad.ToString());
        }

        var message = new JsonObject { ["text"] = normalized, ["class"] = style is "announcement" or "emergency" ? style : "normal" };
        if (!string.IsNullOrWhiteSpace(seconds))
        {
            var most = contract.Number(DeviceKind.LedBoard, "$defs", "message", "properties", "seconds", "maximum");
            if (!int.TryParse(seconds.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < 1 || s > most)
            {
                return Fail("message", "devform.err.led-seconds", most);
            }

            message["seconds"] = s;
        }

        return message;
    }

    /// <summary>The new desired state as it would be published, against the kind's JSON Schema; changed keys it refuses get a reason.</summary>
    private void CheckContract()
    {
        var merged = current.DeepClone().AsObject();
        foreach (var (key, value) in _changes)
        {
            merged.Remove(key);
            if (value is not null)
            {
                merged[key] = value.DeepClone();
            }
        }

        foreach (var key in DesiredContract.Shared.FailingKeys(kind, merged).Where(_changes.ContainsKey))
        {
            Fail(key, "devform.err.contract", Label(key));
        }
    }

    private string Label(string key) => t("devform." + key);

    private JsonNode? Fail(string key, string textKey, params object[] args)
    {
        Errors[key] = string.Format(CultureInfo.InvariantCulture, t(textKey), args);
        return null;
    }
}
