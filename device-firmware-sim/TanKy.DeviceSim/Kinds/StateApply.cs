using System.Text.Json;
using System.Text.Json.Nodes;

namespace TanKy.DeviceSim.Kinds;

/// <summary>
/// A firmware's side of applying a desired snapshot: each key it knows and can use is kept,
/// everything else goes to <c>errors</c> with a reason (protocol.md §4.4), the rest still applies.
/// </summary>
internal sealed class StateApply(JsonObject desired)
{
    public JsonObject Applied { get; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public JsonObject Desired { get; } = desired;

    public void Int(string key, int min, int max)
    {
        if (Desired[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d == Math.Floor(d) && d >= min && d <= max)
        {
            Applied[key] = (int)d;
        }
        else if (Desired.ContainsKey(key))
        {
            Errors[key] = $"must be a whole number {min}-{max}";
        }
    }

    public void Bool(string key)
    {
        if (Desired[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            Applied[key] = v.GetValue<bool>();
        }
        else if (Desired.ContainsKey(key))
        {
            Errors[key] = "must be true or false";
        }
    }

    /// <summary>Keeps a structured value the kind checks itself (<paramref name="check"/> returns the reason it cannot use it).</summary>
    public void Checked(string key, Func<JsonNode, string?> check)
    {
        if (!Desired.TryGetPropertyValue(key, out var value))
        {
            return;
        }

        var error = value is null ? "must not be null" : check(value);
        if (error is null)
        {
            Applied[key] = value!.DeepClone();
        }
        else
        {
            Errors[key] = error;
        }
    }

    /// <summary>Every desired key no rule looked at is one this firmware does not support.</summary>
    public void RefuseUnknown()
    {
        foreach (var (key, _) in Desired)
        {
            if (!Applied.ContainsKey(key) && !Errors.ContainsKey(key))
            {
                Errors[key] = "not supported";
            }
        }
    }
}
