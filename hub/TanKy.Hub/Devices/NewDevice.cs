using TanKy.Protocol;

namespace TanKy.Hub.Devices;

/// <summary>What is needed to register a device (CLI, import, API).</summary>
public sealed record NewDevice(
    string Id,
    DeviceKind Kind,
    IReadOnlyList<string> Zones,
    string? Name = null,
    double? Lat = null,
    double? Lon = null,
    string? Notes = null);
