using TanKy.Protocol;

namespace TanKy.DeviceSim.Node;

/// <summary>What a node of each kind announces it can do (birth <c>caps</c>, the names of protocol.md §4.2).</summary>
internal static class KindProfile
{
    public static IReadOnlyList<string> Caps(DeviceKind kind) => kind switch
    {
        DeviceKind.Speaker => ["opus", "tone", "chime", "cache"],
        DeviceKind.WifiAp => ["hours", "ssid", "limits"],
        DeviceKind.Camera => ["snapshot", "power"],
        DeviceKind.LedBoard => ["text", "schedule"],
        DeviceKind.Gateway => ["sensors"],
        _ => [],
    };
}
