using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace TanKy.Hub.Tests.Architecture;

using static HubArchitecture;

/// <summary>
/// The simulator (tanky-sim) may do only what a firmware could do from docs/protocol.md: it knows
/// TanKy.Protocol and nothing of the hub. TanKy.Protocol is the shared contract: it knows neither side.
/// "The solution's assemblies" are ours: every assembly whose name starts with "tanky" (tanky-hub,
/// tanky-sim, TanKy.Protocol, TanKy.Bench, the test projects).
/// </summary>
public sealed class AssemblyBoundary_Tests
{
    private const string HubTypesPattern = @"^TanKy\.Hub(\.|$)";
    private const string SimulatorTypesPattern = @"^TanKy\.DeviceSim(\.|$)";

    [Fact]
    public void The_simulator_references_no_solution_assembly_but_TanKy_Protocol()
    {
        SolutionReferencesOf(SimulatorAssembly).Should().Equal([ProtocolAssembly.GetName().Name!],
            "the simulator must build against TanKy.Protocol alone");
    }

    [Fact]
    public void No_simulator_type_depends_on_a_hub_type()
    {
        Types().That().ResideInAssembly(SimulatorAssembly)
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(HubTypesPattern)
                .Or().ResideInAssembly(HubAssembly))
            .Because("the simulator talks to the hub only through MQTT and TanKy.Protocol")
            .Check(Loaded);
    }

    [Fact]
    public void TanKy_Protocol_references_no_other_solution_assembly()
    {
        SolutionReferencesOf(ProtocolAssembly).Should().BeEmpty(
            "TanKy.Protocol is the contract that the hub and the devices share, and depends on neither");
    }

    [Fact]
    public void No_protocol_type_depends_on_a_hub_or_simulator_type()
    {
        Types().That().ResideInAssembly(ProtocolAssembly)
            .Should().NotDependOnAny(Types(true).That().ResideInNamespaceMatching(HubTypesPattern)
                .Or().ResideInNamespaceMatching(SimulatorTypesPattern)
                .Or().ResideInAssembly(HubAssembly)
                .Or().ResideInAssembly(SimulatorAssembly))
            .Because("TanKy.Protocol is the contract that the hub and the devices share")
            .Check(Loaded);
    }

    /// <summary>Names of the solution's assemblies that <paramref name="assembly"/> references, sorted.</summary>
    private static List<string> SolutionReferencesOf(System.Reflection.Assembly assembly) => assembly
        .GetReferencedAssemblies()
        .Select(a => a.Name!)
        .Where(name => name.StartsWith("tanky", StringComparison.OrdinalIgnoreCase))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();
}
