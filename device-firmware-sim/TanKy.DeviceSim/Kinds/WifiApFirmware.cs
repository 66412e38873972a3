using System.Text.Json.Nodes;
using TanKy.DeviceSim.Commands;

namespace TanKy.DeviceSim.Kinds;

/// <summary>
/// Public Wi-Fi access point. Opening hours are applied by the device from its own clock, so
/// they hold while it is offline: whether the AP is open now shows in telemetry (<c>ap_open</c>)
/// and in the <c>status</c> op, never in the retained reported state (it changes by itself).
/// </summary>
internal sealed class WifiApFirmware : IKindFirmware
{
    public void Apply(StateApply apply)
    {
        apply.Bool("ssid_broadcast");
        apply.Checked("hours", h => h is JsonValue v && v.TryGetValue<string>(out var s) && DeviceClock.TryHours(s) is not null ? null : "must be HH:MM-HH:MM");
        apply.Int("client_kbps", 64, 100_000);
        apply.Int("max_clients", 1, 256);
    }

    public void RegisterOps(CommandTable table) => table.Register("status", ctx =>
    {
        var state = ctx.Node.AppliedState;
        var open = IsOpen(state, ctx.Now);
        return ValueTask.FromResult(CommandResult.Ok(new JsonObject
        {
            ["open"] = open,
            ["local_time"] = DeviceClock.LocalTime(ctx.Now).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["hours"] = state["hours"]?.DeepClone(),
        }));
    });

    public void AddMetrics(Dictionary<string, double> metrics, JsonObject applied, DateTimeOffset now)
    {
        var open = IsOpen(applied, now);
        metrics["ap_open"] = open ? 1 : 0;
        var max = applied["max_clients"] is JsonValue m ? m.GetValue<int>() : 64;
        metrics["clients"] = open ? Math.Min(metrics.GetValueOrDefault("clients"), max) : 0;
        metrics["uplink_quality_pct"] = Math.Clamp(Math.Round((metrics.GetValueOrDefault("uplink_rssi", -80) + 110) * 2), 0, 100);
    }

    /// <summary>Open when powered for broadcast and inside the opening hours of the device's local clock.</summary>
    public static bool IsOpen(JsonObject applied, DateTimeOffset now) =>
        (applied["ssid_broadcast"] is not JsonValue b || b.GetValue<bool>())
        && DeviceClock.IsOpen(applied["hours"]?.GetValue<string>(), DeviceClock.LocalTime(now));
}
