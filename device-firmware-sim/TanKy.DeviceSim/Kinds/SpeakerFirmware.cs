using System.Text.Json.Nodes;
using TanKy.DeviceSim.Commands;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Kinds;

/// <summary>Loudspeaker cluster: volume, mute, amplifier power relay, zones; a test tone.</summary>
internal sealed class SpeakerFirmware : IKindFirmware
{
    public void Apply(StateApply apply)
    {
        apply.Int("volume", 0, 100);
        apply.Bool("mute");
        apply.Bool("power");
        apply.Checked("zones", z => z is JsonArray a && a.All(x => x is JsonValue v && v.TryGetValue<string>(out var s) && Identifiers.IsValid(s)) ? null : "must be a list of zone ids");
        apply.Checked("cache", c => c is JsonArray ? null : "must be a list of clips to cache (protocol.md §4.11)");
    }

    public void RegisterOps(CommandTable table) => table.Register("tone", ctx =>
    {
        var state = ctx.Node.AppliedState;
        if (state["power"] is JsonValue p && !p.GetValue<bool>())
        {
            return ValueTask.FromResult(CommandResult.Fail("amplifier power is off"));
        }

        // No loudspeaker here: "playing" the tone is replying what would be played.
        var freq = ctx.Command.Args?["freq_hz"]?.GetValue<int>() ?? 1000;
        var seconds = ctx.Command.Args?["seconds"]?.GetValue<int>() ?? 3;
        return ValueTask.FromResult(CommandResult.Ok(new JsonObject { ["freq_hz"] = freq, ["seconds"] = seconds, ["volume"] = state["volume"]?.DeepClone() ?? 70 }));
    });

    public void AddMetrics(Dictionary<string, double> metrics, JsonObject applied, DateTimeOffset now)
    {
        _ = now;
        metrics["mute"] = applied["mute"] is JsonValue m && m.GetValue<bool>() ? 1 : 0;
        metrics["power"] = applied["power"] is JsonValue p && !p.GetValue<bool>() ? 0 : 1;
    }
}
