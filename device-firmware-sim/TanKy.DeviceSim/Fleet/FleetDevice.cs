using TanKy.Protocol;

namespace TanKy.DeviceSim.Fleet;

/// <summary>
/// One device of a fleet file (as written by <c>tanky-hub devices export-fleet</c>): what a
/// factory flashes. <paramref name="Name"/>, <paramref name="Lat"/> and <paramref name="Lon"/> are
/// for display only and never reach protocol logic; zones come over the protocol (desired state).
/// </summary>
public sealed record FleetDevice(string Id, DeviceKind Kind, string Secret, string? Name, double? Lat, double? Lon);
