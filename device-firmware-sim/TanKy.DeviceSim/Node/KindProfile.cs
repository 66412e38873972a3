using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>What a node of each kind announces it can do (birth <c>caps</c>).</summary>
internal static class KindProfile
{
    public static IReadOnlyList<string> Caps(DeviceKind kind) => kind switch
    {
        DeviceKind.Speaker => ["opus", "tone", "volume"],
        DeviceKind.WifiAp => ["ssid", "hours", "bwcap"],
        DeviceKind.Camera => ["snapshot", "power"],
        DeviceKind.LedBoard => ["text", "brightness"],
        _ => [],
    };
}
