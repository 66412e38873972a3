using System.Diagnostics.CodeAnalysis;

namespace TanKy.Protocol;

/// <summary>Conversion between <see cref="DeviceKind"/> and its wire name.</summary>
public static class DeviceKinds
{
    public static IReadOnlyList<DeviceKind> All { get; } = Enum.GetValues<DeviceKind>();

    public static string ToWire(this DeviceKind kind) => kind switch
    {
        DeviceKind.Speaker => "speaker",
        DeviceKind.WifiAp => "wifi-ap",
        DeviceKind.Camera => "camera",
        DeviceKind.LedBoard => "led-board",
        DeviceKind.Gateway => "gateway",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown device kind"),
    };

    public static bool TryParse(string? wire, [NotNullWhen(true)] out DeviceKind? kind)
    {
        kind = wire switch
        {
            "speaker" => DeviceKind.Speaker,
            "wifi-ap" => DeviceKind.WifiAp,
            "camera" => DeviceKind.Camera,
            "led-board" => DeviceKind.LedBoard,
            "gateway" => DeviceKind.Gateway,
            _ => null,
        };
        return kind is not null;
    }

    public static DeviceKind Parse(string wire) =>
        TryParse(wire, out var kind)
            ? kind.Value
            : throw new FormatException($"unknown device kind '{wire}' (expected speaker, wifi-ap, camera, led-board or gateway)");
}
