using TanKy.Hub.Shared.Data.Schema;

namespace TanKy.Hub.Shared.Data;

/// <summary>
/// The schema, one script per version, one file per script in <c>Schema/</c>. Never edit a
/// script that has shipped: add the next one at the end of this list.
/// Times are Unix milliseconds (UTC).
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> All { get; } =
    [
        Schema.V1Registry.Sql,
        Schema.V2Media.Sql,
        Schema.V3Archive.Sql,
        Schema.V4Reports.Sql,
        Schema.V5Broadcasts.Sql,
        Schema.V6DeviceControl.Sql,
        Schema.V7Schedules.Sql,
        Schema.V8Emergency.Sql,
        Schema.V9Console.Sql,
        Schema.V10EmergencyAudit.Sql,
        Schema.V11Accounts.Sql,
        Schema.V12CapSenders.Sql,
        Schema.V13DeliveryRefusals.Sql,
        Schema.V14ConformanceRuns.Sql,
        Schema.V15DesiredOutbox.Sql,
        Schema.V16MediaKind.Sql,
        Schema.V17CapWhy.Sql,
        Schema.V18CameraSnapshots.Sql,
        Schema.V19MediaImportJobs.Sql,
        Schema.V20RelaySources.Sql,
        Schema.V21RelayProgramme.Sql,
    ];
}
