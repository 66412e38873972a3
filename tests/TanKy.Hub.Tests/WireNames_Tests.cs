using System.Text.Json;
using System.Text.Json.Serialization;
using TanKy.Hub.Accounts;
using TanKy.Hub.Availability.Maintenance;
using TanKy.Hub.Broadcasts.Arbitration;
using TanKy.Hub.Emergency.Cap;
using TanKy.Protocol;

namespace TanKy.Hub.Tests;

/// <summary>
/// The hub's enums keep the wire names (database columns, API JSON, CLI output) their old
/// <c>ToWire()</c> switches produced; the table is copied from those switches.
/// </summary>
public sealed class WireNames_Tests
{
    [Fact]
    public void Decision_kinds_keep_their_wire_names() => ShouldBe(new Dictionary<DecisionKind, string>
    {
        [DecisionKind.Queued] = "queued",
        [DecisionKind.Aired] = "aired",
        [DecisionKind.Preempted] = "preempted",
        [DecisionKind.Resumed] = "resumed",
        [DecisionKind.Restarted] = "restarted",
        [DecisionKind.Skipped] = "skipped",
        [DecisionKind.Finished] = "finished",
        [DecisionKind.Cancelled] = "cancelled",
        [DecisionKind.Failed] = "failed",
    });

    [Fact]
    public void Cap_actions_keep_their_wire_names() => ShouldBe(new Dictionary<CapAction, string>
    {
        [CapAction.Broadcast] = "broadcast",
        [CapAction.Update] = "update",
        [CapAction.Cancel] = "cancel",
        [CapAction.Ignore] = "ignore",
        [CapAction.RecordOnly] = "record-only",
    });

    [Fact]
    public void Roles_keep_their_wire_names() => ShouldBe(new Dictionary<Role, string>
    {
        [Role.Admin] = "admin",
        [Role.Officer] = "officer",
        [Role.HamletHead] = "hamlet-head",
        [Role.Technician] = "technician",
        [Role.Viewer] = "viewer",
    });

    [Fact]
    public void Maintenance_scopes_keep_their_wire_names() => ShouldBe(new Dictionary<MaintenanceScope, string>
    {
        [MaintenanceScope.Device] = "device",
        [MaintenanceScope.Zone] = "zone",
        [MaintenanceScope.Kind] = "kind",
    });

    [Fact]
    public void Stored_maintenance_scopes_still_parse_in_any_case() =>
        // Rows are read with Enum.Parse(ignoreCase), as before the wire names moved to attributes.
        MaintenanceStore.ParseScope("Zone").Should().Be(MaintenanceScope.Zone);

    private static void ShouldBe<T>(IReadOnlyDictionary<T, string> table)
        where T : struct, Enum
    {
        Enum.GetValues<T>().Should().BeEquivalentTo(table.Keys, "every member of {0} has a row in the table", typeof(T).Name);
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter<T>() } };
        foreach (var (value, wire) in table)
        {
            value.ToWire().Should().Be(wire);
            EnumWire.TryParse<T>(wire, out var parsed).Should().BeTrue();
            parsed.Should().Be(value);
            JsonSerializer.Serialize(value, json).Should().Be($"\"{wire}\"");
        }
    }
}
