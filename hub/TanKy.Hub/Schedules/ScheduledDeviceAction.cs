using System.Text.Json.Nodes;
using TanKy.Hub.Schedules.Model;

namespace TanKy.Hub.Schedules;

/// <summary>
/// One firing of a scheduled device action: set these desired-state keys on the target's devices.
/// <see cref="Set"/> is a fresh copy per firing; zones are resolved (<c>all</c> is expanded).
/// </summary>
internal sealed record ScheduledDeviceAction(
    string ActionId,
    string Title,
    DateTimeOffset At,
    DeviceActionTarget Target,
    JsonObject Set,
    MisfireInfo Misfire);
