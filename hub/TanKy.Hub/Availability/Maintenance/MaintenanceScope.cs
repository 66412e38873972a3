using System.Text.Json.Serialization;

namespace TanKy.Hub.Availability.Maintenance;

/// <summary>What a maintenance window covers: one device, every device of a hamlet, or every device of a kind.</summary>
public enum MaintenanceScope
{
    [JsonStringEnumMemberName("device")]
    Device,

    [JsonStringEnumMemberName("zone")]
    Zone,

    [JsonStringEnumMemberName("kind")]
    Kind,
}
