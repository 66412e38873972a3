using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace TanKy.Hub.Tests.Architecture;

using Architecture = ArchUnitNET.Domain.Architecture;

/// <summary>
/// The hub, the protocol library and the device simulator as one ArchUnitNET architecture, loaded
/// once for the whole test run (the architecture tests only read it), and the hub's feature map:
/// the ONE place that says which features exist and in which layer each one sits.
/// </summary>
internal static class HubArchitecture
{
    /// <summary>
    /// The hub's features by layer, bottom to top. A feature may use the features of lower layers
    /// and itself; using a feature of a higher layer (upward) or another feature of its own layer
    /// (sideways) is a violation. A feature is a top-level namespace <c>TanKy.Hub.&lt;Feature&gt;</c>
    /// with all its sub-namespaces (the top-level folder of hub/TanKy.Hub). A new top-level folder
    /// must be added here, or <see cref="FeatureLayering_Tests"/> fails.
    /// </summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Layers =
    [
        ["Shared"],       // options, configuration, time zone, database & schema, CLI/web plumbing: uses no feature
        ["Accounts"],
        ["Storage"],      // backup/restore, data-dir lock
        ["Broker"],
        ["Devices"],
        ["Availability"],
        ["Broadcasts"],
        ["Media"],
        ["Schedules"],
        ["Emergency"],
        ["Gateway"],
        ["Reports"],
        ["Conformance"],  // the device conformance kit: drives a device through devices, broadcasts' zones, schedules' pre-cache
        ["Web"],          // console pages (and their Razor views), HTTP host
        ["Hosting"],      // composition root: builds the hub from every feature's registration
        ["Cli"],          // the CLI root: every feature's commands, and `run`/`demo` start the host
    ];

    public const string HubNamespace = "TanKy.Hub";

    /// <summary>Razor views (.cshtml) compile into this namespace; they belong to <c>Web</c>.</summary>
    public const string RazorViewNamespace = "AspNetCoreGeneratedDocument";
    public const string RazorViewFeature = "Web";

    public static readonly System.Reflection.Assembly HubAssembly = typeof(TanKy.Hub.Shared.HubOptions).Assembly;
    public static readonly System.Reflection.Assembly ProtocolAssembly = typeof(TanKy.Protocol.ProtocolJson).Assembly;
    public static readonly System.Reflection.Assembly SimulatorAssembly = typeof(TanKy.DeviceSim.Cli.SimCli).Assembly;

    /// <summary>Loaded once (ArchUnitNET also caches it by assembly set).</summary>
    public static Architecture Loaded => Lazy.Value;

    private static readonly Lazy<Architecture> Lazy = new(
        () => new ArchLoader().LoadAssemblies(HubAssembly, ProtocolAssembly, SimulatorAssembly).Build(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Layer index of every listed feature (0 = bottom).</summary>
    public static readonly IReadOnlyDictionary<string, int> LayerOf = Layers
        .SelectMany((features, layer) => features.Select(f => (f, layer)))
        .ToDictionary(x => x.f, x => x.layer, StringComparer.Ordinal);

    /// <summary>The listed features, bottom to top.</summary>
    public static IEnumerable<string> Features => Layers.SelectMany(l => l);

    /// <summary>
    /// The feature a type belongs to: <c>X</c> for namespace <c>TanKy.Hub.X</c> or <c>TanKy.Hub.X.*</c>
    /// (listed or not: callers check <see cref="LayerOf"/>), <see cref="RazorViewFeature"/> for a Razor
    /// view, null for anything else (other assemblies, libraries, the global <c>Program</c> of the
    /// top-level statements, compiler/source-generator types outside TanKy.Hub). Nested types share
    /// their declaring type's namespace, so they count for its feature.
    /// </summary>
    public static string? FeatureOf(IType type)
    {
        if (type.IsGenericParameter)
        {
            return null;
        }
        var ns = type.Namespace?.FullName ?? "";
        if (ns == RazorViewNamespace || ns.StartsWith(RazorViewNamespace + ".", StringComparison.Ordinal))
        {
            return RazorViewFeature;
        }
        if (!ns.StartsWith(HubNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }
        var rest = ns[(HubNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    public static bool IsInHub(IType type) => ShortName(type.Assembly) == HubAssembly.GetName().Name;

    /// <summary>An ArchUnitNET assembly's simple name (<c>tanky-hub</c>), whichever form it holds.</summary>
    public static string? ShortName(ArchUnitNET.Domain.Assembly? assembly) =>
        assembly is null ? null : new System.Reflection.AssemblyName(assembly.FullName).Name;

    /// <summary>The hub's own types (not referenced library types).</summary>
    public static IEnumerable<IType> HubTypes => Loaded.Types.Where(IsInHub);

    /// <summary>
    /// Every use of a type of one feature by a type of another, as found by ArchUnitNET in the compiled
    /// IL: base types, interfaces, fields, properties, signatures, method calls, types used in bodies,
    /// casts, attributes, generic arguments. ArchUnitNET leaves compiler-generated types out (closures,
    /// <c>&lt;&gt;c</c>, async and iterator state machines) and counts what their code uses for the
    /// method that declares them, so a lambda's dependency is its enclosing type's.
    /// </summary>
    public static IEnumerable<FeatureUse> CrossFeatureUses() =>
        from origin in HubTypes
        let user = FeatureOf(origin)
        where user is not null
        from dependency in origin.Dependencies
        let target = dependency.Target
        let used = FeatureOf(target)
        where used is not null && used != user
        select new FeatureUse(user, used, origin, target);

    /// <summary>
    /// A readable name for a type in a message: the outermost type that a person wrote, so a
    /// closure or state machine (<c>Foo+&lt;RunAsync&gt;d__3</c>, <c>Foo+&lt;&gt;c</c>) reads as <c>Foo</c>.
    /// </summary>
    public static string SourceName(IType type)
    {
        var name = type.FullName;
        var generated = name.IndexOf("+<", StringComparison.Ordinal);
        return generated < 0 ? name : name[..generated];
    }
}

/// <summary>A type of feature <see cref="From"/> uses a type of feature <see cref="To"/>.</summary>
internal sealed record FeatureUse(string From, string To, IType Origin, IType Target)
{
    public string Example => $"{HubArchitecture.SourceName(Origin)} uses {HubArchitecture.SourceName(Target)}";
}
