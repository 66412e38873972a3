using TanKy.Protocol;

namespace TanKy.Hub.Devices;

/// <summary>Dapper's view of a <c>devices</c> row joined with its zones (comma-separated).</summary>
internal sealed class DeviceRow
{
    public const string Select = """
        SELECT d.id, d.kind, d.name, d.lat, d.lon, d.notes, d.firmware, d.boot_id AS BootId, d.capabilities,
               d.telemetry_interval AS TelemetryInterval, d.last_seen AS LastSeen, d.status, d.status_since AS StatusSince,
               d.created_at AS CreatedAt,
               (SELECT group_concat(zone_id, ',') FROM (SELECT zone_id FROM device_zones WHERE device_id = d.id ORDER BY zone_id)) AS Zones
        FROM devices d
        """;

    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public string? Notes { get; set; }
    public string? Firmware { get; set; }
    public string? BootId { get; set; }
    public string? Capabilities { get; set; }
    public long? TelemetryInterval { get; set; }
    public long? LastSeen { get; set; }
    public string Status { get; set; } = DeviceStatus.Unknown;
    public long? StatusSince { get; set; }
    public long CreatedAt { get; set; }
    public string? Zones { get; set; }

    public DeviceRecord ToRecord() => new()
    {
        Id = Id,
        Kind = DeviceKinds.Parse(Kind),
        Name = Name,
        Zones = Split(Zones),
        Lat = Lat,
        Lon = Lon,
        Notes = Notes,
        Firmware = Firmware,
        BootId = BootId,
        Capabilities = Split(Capabilities),
        TelemetryInterval = (int?)TelemetryInterval,
        LastSeen = LastSeen is { } ls ? DateTimeOffset.FromUnixTimeMilliseconds(ls) : null,
        Status = Status,
        StatusSince = StatusSince is { } ss ? DateTimeOffset.FromUnixTimeMilliseconds(ss) : null,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
    };

    private static string[] Split(string? csv) =>
        string.IsNullOrEmpty(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
