using System.Text.Json.Nodes;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// LED board messages: <c>message</c> (shown now) and <c>schedule</c> (shown daily at a local
/// time, by the board itself so the programme holds while it is offline).
/// </summary>
internal static class LedMessageRules
{
    public const int MaxScheduled = 8;
    public const int MaxSeconds = 86_400;

    private static readonly string[] Classes = ["normal", "announcement", "emergency"];
    private static readonly Func<string, JsonNode, FieldContext, Checked> ClassRule = FieldRules.OneOf(Classes);
    private static readonly Func<string, JsonNode, FieldContext, Checked> SecondsRule = FieldRules.Integer(1, MaxSeconds);

    public static Checked Message(string name, JsonNode value, FieldContext context) => Entry(name, value, context, scheduled: false);

    public static Checked Schedule(string name, JsonNode value, FieldContext context)
    {
        if (value is not JsonArray array)
        {
            return Checked.Fail("rules2.led.schedule-list", name);
        }

        if (array.Count > MaxScheduled)
        {
            return Checked.Fail("rules2.led.schedule-max", name, array.Count, MaxScheduled);
        }

        var entries = new List<JsonObject>();
        for (var i = 0; i < array.Count; i++)
        {
            var entry = Entry($"{name}[{i}]", array[i] ?? JsonValue.Create(0), context, scheduled: true);
            if (entry.Error is not null)
            {
                return entry;
            }

            entries.Add((JsonObject)entry.Value!);
        }

        var duplicate = entries.GroupBy(e => (string)e["at"]!).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return Checked.Fail("rules2.led.schedule-twice", name, duplicate.Key);
        }

        return Checked.Ok(new JsonArray(entries.OrderBy(e => (string)e["at"]!, StringComparer.Ordinal).Select(e => (JsonNode?)e).ToArray()));
    }

    private static Checked Entry(string name, JsonNode value, FieldContext context, bool scheduled)
    {
        if (value is not JsonObject o)
        {
            return Checked.Fail("rules2.led.entry-object", name);
        }

        var unknown = o.Select(kv => kv.Key).FirstOrDefault(k => k is not ("text" or "class" or "seconds") && !(scheduled && k == "at"));
        if (unknown is not null)
        {
            return Checked.Fail("rules2.field.unknown-in", $"{name}.{unknown}");
        }

        var result = new JsonObject();
        if (scheduled)
        {
            if (o["at"] is not JsonValue at || !at.TryGetValue<string>(out var s) || !OpeningHours.TryTime(s, false, out _, out _))
            {
                return Checked.Fail("rules2.led.at", $"{name}.at");
            }

            result["at"] = s;
        }

        var text = o["text"] is { } t ? FieldRules.Text($"{name}.text", t) : Checked.Fail("rules2.field.required", $"{name}.text");
        var cls = o["class"] is { } c ? ClassRule($"{name}.class", c, context) : Checked.Ok(JsonValue.Create("normal"));
        var seconds = o["seconds"] is { } d ? SecondsRule($"{name}.seconds", d, context) : Checked.Ok(JsonValue.Create(scheduled ? 60 : 0));
        foreach (var part in new[] { text, cls, seconds })
        {
            if (part.Error is not null)
            {
                return part;
            }
        }

        result["text"] = text.Value;
        result["class"] = cls.Value;
        if ((int)seconds.Value! > 0)
        {
            // Absent seconds on the current message: shown until replaced.
            result["seconds"] = seconds.Value;
        }

        return Checked.Ok(result);
    }
}
