namespace TanKy.Hub.Schedules.Model;

/// <summary>
/// Which devices a scheduled action addresses: one device, or the devices of some zones (or all),
/// optionally only of one kind (<c>led-board</c>, <c>wifi-ap</c>…).
/// </summary>
public sealed record DeviceActionTarget(string? DeviceId, IReadOnlyList<string> Zones, bool AllZones, string? Kind);
