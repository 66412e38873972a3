using System.Text.Json.Nodes;

namespace TanKy.Hub.Devices.Control;

/// <summary>
/// Desired and reported state side by side. <see cref="Drift"/> lists the desired keys whose
/// reported value differs, plus <c>version</c> when the device has not yet reported the
/// current desired version (offline, or still applying).
/// </summary>
public sealed record DeviceStateView(
    string Id,
    string Kind,
    string Status,
    StateSide? Desired,
    StateSide? Reported,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyList<string> Drift)
{
    /// <summary>The device applied the current desired version, without errors and with the same values.</summary>
    public bool InSync => Drift.Count == 0 && Errors.Count == 0;
}

/// <summary>One side of the comparison: a version, the whole state, when and by whom it was last set.</summary>
public sealed record StateSide(long Version, JsonObject State, DateTimeOffset UpdatedAt, string? UpdatedBy);
