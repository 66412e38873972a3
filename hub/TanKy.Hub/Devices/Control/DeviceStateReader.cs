using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using TanKy.Protocol;
using TanKy.Hub.Shared.Data;

namespace TanKy.Hub.Devices.Control;

/// <summary>Builds <see cref="DeviceStateView"/> from the stored desired, reported and error rows.</summary>
public sealed class DeviceStateReader(Database db, DeviceRegistry registry)
{
    public DeviceStateView? Read(string deviceId)
    {
        var device = registry.Get(deviceId);
        if (device is null)
        {
            return null;
        }

        using var c = db.Open();
        var desired = c.QuerySingleOrDefault<SideRow>("SELECT version, state, updated_at AS UpdatedAt, updated_by AS UpdatedBy FROM desired_state WHERE device_id = @deviceId", new { deviceId })?.ToSide();
        var reported = c.QuerySingleOrDefault<SideRow>("SELECT version, state, updated_at AS UpdatedAt, NULL AS UpdatedBy FROM reported_state WHERE device_id = @deviceId", new { deviceId })?.ToSide();
        var errorRow = c.QuerySingleOrDefault<(long Version, string Errors)>("SELECT version, errors FROM reported_errors WHERE device_id = @deviceId", new { deviceId });

        // Errors belong to one reported version; older ones were superseded by a newer report.
        var errors = errorRow.Errors is not null && reported is not null && errorRow.Version == reported.Version
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(errorRow.Errors) ?? []
            : [];
        return new DeviceStateView(device.Id, device.Kind.ToWire(), device.Status, desired, reported, errors, Drift(desired, reported));
    }

    public static IReadOnlyList<string> Drift(StateSide? desired, StateSide? reported)
    {
        if (desired is null)
        {
            return [];
        }

        var drift = new List<string>();
        if (reported is null || reported.Version < desired.Version)
        {
            drift.Add("version");
        }

        foreach (var (key, value) in desired.State)
        {
            if (reported is null || !reported.State.TryGetPropertyValue(key, out var actual) || !JsonNode.DeepEquals(value, actual))
            {
                drift.Add(key);
            }
        }

        return drift;
    }

    private sealed class SideRow
    {
        public long Version { get; set; }

        public string State { get; set; } = "{}";

        public long UpdatedAt { get; set; }

        public string? UpdatedBy { get; set; }

        public StateSide ToSide() => new(Version, JsonNode.Parse(State)!.AsObject(), DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt), UpdatedBy);
    }
}
