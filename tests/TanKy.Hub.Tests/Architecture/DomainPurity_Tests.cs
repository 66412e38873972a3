using ArchUnitNET.Domain;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace TanKy.Hub.Tests.Architecture;

using static HubArchitecture;

/// <summary>
/// The hub's domain types — the rules and the maths, as opposed to the adapters that store, serve
/// or transport them — use no web framework, no database access and no MQTT library, so they can be
/// read, tested and moved on their own.
/// </summary>
public sealed class DomainPurity_Tests
{
    /// <summary>
    /// What "domain type" means here, in one place: every type of <see cref="DomainNamespaces"/>
    /// (exactly that namespace; these hold nothing but rules and values today) and the named
    /// <see cref="DomainTypesInMixedNamespaces"/>, the pure types of namespaces that also hold an
    /// adapter (a store, a loader, endpoints), which is why those namespaces are not listed whole.
    /// </summary>
    private static readonly string[] DomainNamespaces =
    [
        "TanKy.Hub.Broadcasts.Arbitration",     // ZoneArbiter: who may play where, preemption
        "TanKy.Hub.Schedules.Model",            // programmes, recurrences, holidays
        "TanKy.Hub.Schedules.Parsing",          // schedule files -> validated programme set, overlap and reference checks
        "TanKy.Hub.Schedules.Planning",         // occurrences, agenda
        "TanKy.Hub.Devices.Control.Validation", // command catalogue, desired-state schema, field rules
    ];

    private static readonly string[] DomainTypesInMixedNamespaces =
    [
        // uptime maths (Availability.Model also holds DeviceFactsLoader, HubUptime, StatusEventStream: SQL)
        "TanKy.Hub.Availability.Model.UptimeCalculator",
        "TanKy.Hub.Availability.Model.Sweep",
        "TanKy.Hub.Availability.Model.SweepPoint",
        "TanKy.Hub.Availability.Model.StatusPoint",
        "TanKy.Hub.Availability.Model.TimeRange",
        "TanKy.Hub.Availability.Model.Incident",
        "TanKy.Hub.Availability.Model.AvailabilityState",
        "TanKy.Hub.Availability.Model.AvailabilityTotals",
        "TanKy.Hub.Availability.Model.DeviceAvailability",
        "TanKy.Hub.Availability.Model.DeviceFacts",
        "TanKy.Hub.Availability.Model.DailySeries",
        // report period maths (Reports also holds ReportBuilder, ReportEndpoints, WifiUsageReader/Recorder)
        "TanKy.Hub.Reports.ReportPeriod",
        "TanKy.Hub.Reports.ReportAccumulator",
        // CAP parsing and decision (Emergency.Cap also holds CapAlertStore, CapEndpoints)
        "TanKy.Hub.Emergency.Cap.CapParser",
        "TanKy.Hub.Emergency.Cap.CapInfoParser",
        "TanKy.Hub.Emergency.Cap.CapGeometryParser",
        "TanKy.Hub.Emergency.Cap.CapDecider",
        "TanKy.Hub.Emergency.Cap.CapZoneResolver",
        "TanKy.Hub.Emergency.Cap.GeoMath",
        "TanKy.Hub.Emergency.Cap.GeoPoint",
    ];

    /// <summary>ASP.NET Core, Dapper, MQTTnet, Microsoft.Data.Sqlite (and their sub-namespaces).</summary>
    private const string InfrastructureNamespaces = @"^(Microsoft\.AspNetCore|Dapper|MQTTnet|Microsoft\.Data\.Sqlite)(\.|$)";

    [Fact]
    public void Domain_types_do_not_use_AspNetCore_Dapper_MQTTnet_or_Sqlite()
    {
        Types().That().Are(DomainTypes())
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(InfrastructureNamespaces))
            .Because("domain rules and maths stay free of the web, the database and MQTT; adapters wrap them")
            .Check(Loaded);
    }

    /// <summary>So that a move or a rename does not quietly shrink the rule above.</summary>
    [Fact]
    public void Every_listed_domain_namespace_and_type_exists()
    {
        var namespaces = HubTypes.Select(t => t.Namespace.FullName).ToHashSet(StringComparer.Ordinal);
        var types = HubTypes.Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

        DomainNamespaces.Where(ns => !namespaces.Contains(ns))
            .Concat(DomainTypesInMixedNamespaces.Where(t => !types.Contains(t)))
            .Should().BeEmpty("every domain namespace and type listed in DomainPurity_Tests must exist in the hub "
                + "(update the list when you move or rename one)");
    }

    private static List<IType> DomainTypes() => HubTypes
        .Where(t => DomainNamespaces.Contains(t.Namespace.FullName, StringComparer.Ordinal)
            || DomainTypesInMixedNamespaces.Contains(t.FullName, StringComparer.Ordinal))
        .ToList();
}
