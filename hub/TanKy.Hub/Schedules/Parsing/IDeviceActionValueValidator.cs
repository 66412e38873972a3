using System.Text.Json.Nodes;

namespace TanKy.Hub.Schedules.Parsing;

/// <summary>
/// Per-kind checks of the values a scheduled action sets (brightness 0–100, Wi-Fi hours…). The
/// schedule loader checks keys only structurally; device control plugs its rules in here.
/// </summary>
public interface IDeviceActionValueValidator
{
    /// <summary>Problems with <paramref name="set"/> for devices of <paramref name="kind"/> (null: any kind), as (key, reason).</summary>
    IEnumerable<(string Key, string Reason)> Validate(string? kind, JsonObject set);
}
