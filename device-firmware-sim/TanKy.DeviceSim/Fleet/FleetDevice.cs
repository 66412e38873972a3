using TanKy.Protocol;

namespace TanKy.DeviceSim.Fleet;

/// <summary>One device of a fleet file (as written by <c>tanky-hub devices export-fleet</c>).</summary>
public sealed record FleetDevice(string Id, DeviceKind Kind, IReadOnlyList<string> Zones, string Secret, string? Name, double? Lat, double? Lon);
