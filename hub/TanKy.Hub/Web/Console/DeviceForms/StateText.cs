using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Hub.Web.Console.Text;

namespace TanKy.Hub.Web.Console.DeviceForms;

/// <summary>
/// Desired and reported values as people read them: "Bật", "70 %", "05:00–23:00", hamlet names,
/// the LED text itself. Anything without a rule is shown as compact JSON with Vietnamese letters
/// kept as letters (System.Text.Json escapes them as <c>\u1ECD</c> by default).
/// </summary>
public sealed class StateText(Translate t, IReadOnlyDictionary<string, string> zoneNames)
{
    /// <summary>JSON for people: letters as letters, indented. HTML-escaping is Razor's job when it is written.</summary>
    public static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The label of a desired key; the key itself when the console has no label for it.</summary>
    public string Label(string key)
    {
        var label = t("devform." + key);
        return label.StartsWith('[') ? key : label;
    }

    public string Value(string key, JsonNode? value) => (key, value) switch
    {
        (_, null) => "—",
        ("zones", JsonArray zones) => string.Join(", ", zones.Select(z => z is JsonValue v && v.TryGetValue<string>(out var id) ? zoneNames.GetValueOrDefault(id, id) : Json(z))),
        ("hours", JsonValue v) when v.TryGetValue<string>(out var h) => h.Replace("-", "–", StringComparison.Ordinal),
        ("message", JsonObject m) => Message(m),
        ("schedule", JsonArray list) => string.Join("; ", list.OfType<JsonObject>().Select(m => $"{(string?)m["at"]} {Message(m)}")),
        (_, JsonValue v) when v.GetValueKind() is JsonValueKind.True => t("devform.on"),
        (_, JsonValue v) when v.GetValueKind() is JsonValueKind.False => t("devform.off"),
        ("volume" or "brightness", JsonValue v) => $"{Json(v)} %",
        ("client_kbps", JsonValue v) => $"{Json(v)} kbit/s",
        (_, JsonValue v) when v.TryGetValue<string>(out var s) => s,
        _ => Json(value),
    };

    public static string Json(JsonNode? node) => node?.ToJsonString(Compact) ?? "—";

    private string Message(JsonObject m)
    {
        var text = $"“{(string?)m["text"]}”";
        var style = (string?)m["class"] is { } c && c != "normal" ? $" · {t("devform.class." + c)}" : "";
        var seconds = m["seconds"] is JsonValue s && s.TryGetValue<int>(out var n) ? $" · {n.ToString(CultureInfo.InvariantCulture)} {t("devform.seconds-unit")}" : "";
        return text + style + seconds;
    }
}

/// <summary>What the readable state block of one device needs: its state, the words for values, and whether to add the raw JSON for technicians.</summary>
public sealed record DeviceStateBlock(TanKy.Hub.Devices.Control.DeviceStateView? State, StateText Text, bool Technician);
