using System.Text.Json.Nodes;
using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>
/// Plausible metrics per kind. Counters (bytes) grow over a boot like real interface counters;
/// values the hub can set (volume, brightness) follow the applied desired state.
/// </summary>
internal sealed class TelemetrySource
{
    private readonly DeviceKind _kind;
    private long _rxBytes;
    private long _txBytes;

    public TelemetrySource(DeviceKind kind) => _kind = kind;

    /// <summary>Counters restart at zero on each boot.</summary>
    public void Reset()
    {
        _rxBytes = 0;
        _txBytes = 0;
    }

    public Dictionary<string, double> Sample(TimeSpan uptime, JsonObject appliedState)
    {
        var r = Random.Shared;
        var up = Math.Floor(uptime.TotalSeconds);
        switch (_kind)
        {
            case DeviceKind.Speaker:
                return new()
                {
                    ["volume"] = Number(appliedState, "volume", 70),
                    ["temp_c"] = Math.Round(38 + (r.NextDouble() * 6), 1),
                    ["uptime_s"] = up,
                };
            case DeviceKind.WifiAp:
                _rxBytes += r.Next(50_000, 2_000_000);
                _txBytes += r.Next(200_000, 8_000_000);
                return new()
                {
                    ["clients"] = r.Next(0, 41),
                    ["rx_bytes"] = _rxBytes,
                    ["tx_bytes"] = _txBytes,
                    ["uplink_rssi"] = r.Next(-95, -59),
                };
            case DeviceKind.Camera:
                return new() { ["recording"] = 1, ["storage_ok"] = 1 };
            case DeviceKind.LedBoard:
                return new() { ["brightness"] = Number(appliedState, "brightness", 80), ["uptime_s"] = up };
            default:
                return new() { ["uptime_s"] = up };
        }
    }

    private static double Number(JsonObject state, string key, double fallback)
    {
        try
        {
            return state[key] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : fallback;
        }
        catch (InvalidOperationException)
        {
            return fallback;
        }
    }
}
