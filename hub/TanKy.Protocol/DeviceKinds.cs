using System.Diagnostics.CodeAnalysis;

namespace TanKy.Protocol;

/// <summary>Parsing of <see cref="DeviceKind"/> wire names, with the error people see.</summary>
public static class DeviceKinds
{
    public static IReadOnlyList<DeviceKind> All { get; } = Enum.GetValues<DeviceKind>();

    public static bool TryParse(string? wire, [NotNullWhen(true)] out DeviceKind? kind) => EnumWire.TryParse(wire, out kind);

    public static DeviceKind Parse(string wire) =>
        TryParse(wire, out var kind)
            ? kind.Value
            : throw new FormatException($"unknown device kind '{wire}' (expected speaker, wifi-ap, camera, led-board or gateway)");
}
