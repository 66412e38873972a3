using System.Text.Json.Nodes;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Protocol.Messages;

namespace TanKy.Hub.Devices.Control;

/// <summary>Desired-state changes checked against the device kind's schema before they are stored and published.</summary>
public sealed class DeviceControlService(DeviceRegistry registry, DesiredStateService desired, ZoneRegistry zones)
{
    /// <summary>
    /// Validates <paramref name="changes"/> for the device's kind and merges them into its desired
    /// state (new version, published retained). Throws <see cref="ControlValidationException"/>
    /// with every reason, or <see cref="RegistryException"/> for an unknown device. A speaker's
    /// <c>zones</c> change its registry zones in the same transaction (one truth).
    /// </summary>
    public Task<DesiredStateMessage> SetDesiredAsync(string deviceId, JsonObject changes, string? by, CancellationToken cancellationToken = default)
    {
        var device = registry.Get(deviceId) ?? throw new RegistryException("device.error.no-device", deviceId);
        var normalized = DesiredSchema.Validate(device.Kind, changes, Context);
        return desired.SetAsync(deviceId, normalized, by, cancellationToken);
    }

    /// <summary>What the per-kind rules check against: the zone registry (a speaker's <c>zones</c>).</summary>
    public FieldContext Context => new(zones.Exists);
}
