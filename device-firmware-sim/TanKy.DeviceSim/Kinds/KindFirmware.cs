using System.Text.Json.Nodes;
using TanKy.DeviceSim.Commands;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Kinds;

/// <summary>The three hooks the node calls: desired apply, op registration, telemetry. One firmware per kind.</summary>
internal static class KindFirmware
{
    private static readonly Dictionary<DeviceKind, IKindFirmware> Firmwares = new()
    {
        [DeviceKind.Speaker] = new SpeakerFirmware(),
        [DeviceKind.WifiAp] = new WifiApFirmware(),
        [DeviceKind.Camera] = new CameraFirmware(),
        [DeviceKind.LedBoard] = new LedBoardFirmware(),
    };

    /// <summary>The state to report for <paramref name="desired"/>, and the keys that could not be applied.</summary>
    public static JsonObject Apply(DeviceKind kind, JsonObject desired, out IReadOnlyDictionary<string, string>? errors)
    {
        var apply = new StateApply(desired);
        if (Firmwares.TryGetValue(kind, out var firmware))
        {
            firmware.Apply(apply);
        }

        apply.RefuseUnknown();
        errors = apply.Errors.Count > 0 ? apply.Errors : null;
        return apply.Applied;
    }

    public static void RegisterOps(DeviceKind kind, CommandTable table)
    {
        if (Firmwares.TryGetValue(kind, out var firmware))
        {
            firmware.RegisterOps(table);
        }
    }

    public static Dictionary<string, double> WithKindMetrics(DeviceKind kind, Dictionary<string, double> metrics, JsonObject applied, DateTimeOffset now)
    {
        if (Firmwares.TryGetValue(kind, out var firmware))
        {
            firmware.AddMetrics(metrics, applied, now);
        }

        return metrics;
    }
}
