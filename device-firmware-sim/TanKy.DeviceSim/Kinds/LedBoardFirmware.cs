using System.Text.Json.Nodes;
using TanKy.DeviceSim.Commands;

namespace TanKy.DeviceSim.Kinds;

/// <summary>
/// LED message board: the current message (text, class, seconds), brightness, power and a daily
/// schedule of messages the board shows by its own clock, so the programme holds offline.
/// </summary>
internal sealed class LedBoardFirmware : IKindFirmware
{
    private static readonly string[] Classes = ["normal", "announcement", "emergency"];

    public void Apply(StateApply apply)
    {
        apply.Bool("power");
        apply.Int("brightness", 0, 100);
        apply.Checked("message", m => CheckMessage(m, scheduled: false));
        apply.Checked("schedule", s => s is JsonArray a && a.Count <= 8 && a.All(e => e is not null && CheckMessage(e, scheduled: true) is null) ? null : "must be up to 8 messages with at, text, class");
    }

    public void RegisterOps(CommandTable table) => _ = table; // ping and reboot only

    public void AddMetrics(Dictionary<string, double> metrics, JsonObject applied, DateTimeOffset now)
    {
        _ = now;
        metrics["power"] = applied["power"] is JsonValue p && !p.GetValue<bool>() ? 0 : 1;
        metrics["emergency"] = applied["message"]?["class"]?.GetValue<string>() == "emergency" ? 1 : 0;
    }

    private static string? CheckMessage(JsonNode node, bool scheduled)
    {
        if (node is not JsonObject o || o["text"] is not JsonValue t || !t.TryGetValue<string>(out var text) || text.Length is 0 or > 200)
        {
            return "needs a text of 1-200 characters";
        }

        if (o["class"] is JsonValue c && !Classes.Contains(c.GetValue<string>()))
        {
            return "class must be normal, announcement or emergency";
        }

        return scheduled && (o["at"] is not JsonValue at || DeviceClock.Minutes(at.GetValue<string>(), false) is null) ? "at must be HH:MM" : null;
    }
}
