using System.Text;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Extensions;
using ArchUnitNET.Fluent.Slices;
using Xunit.Abstractions;

namespace TanKy.Hub.Tests.Architecture;

using static HubArchitecture;

/// <summary>
/// The hub's features (top-level namespaces of TanKy.Hub) form a layered graph without cycles, in the
/// order of <see cref="HubArchitecture.Layers"/>. The graph is built from type dependencies found in
/// the compiled assembly (not from using directives), so a fully qualified name or a lambda counts.
/// </summary>
public sealed class FeatureLayering_Tests(ITestOutputHelper output)
{
    [Fact]
    public void Every_feature_uses_only_features_of_lower_layers()
    {
        var uses = CrossFeatureUses().ToList();
        var edges = uses
            .GroupBy(u => (u.From, u.To))
            .ToDictionary(g => g.Key, g => g.ToList());

        output.WriteLine(DescribeGraph(edges.Keys));

        var offending = edges
            .Select(e => (e.Key.From, e.Key.To, Problem: Problem(e.Key.From, e.Key.To), Uses: e.Value))
            .Where(e => e.Problem is not null)
            .OrderBy(e => Rank(e.From)).ThenBy(e => Rank(e.To))
            .ToList();
        if (offending.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine($"{offending.Count} feature {(offending.Count == 1 ? "dependency runs" : "dependencies run")} against the layer order "
            + $"(bottom to top: {string.Join(" < ", Layers.Select(l => string.Join(" = ", l)))}):");
        foreach (var (from, to, problem, edgeUses) in offending)
        {
            var pairs = Pairs(edgeUses);
            message.AppendLine($"  {from} -> {to}: {pairs[0]}"
                + $"   [{problem}; {pairs.Count} type pair{(pairs.Count == 1 ? "" : "s")}]");
            output.WriteLine($"{from} -> {to} ({problem}), every type pair:");
            foreach (var pair in pairs)
            {
                output.WriteLine($"    {pair}");
            }
        }
        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// ArchUnitNET's own cycle detection over one slice per feature; it does not depend on the layer
    /// order, only on <see cref="HubArchitecture.FeatureOf"/>. (In ArchUnitNET 0.13.5,
    /// <c>Slices().Matching("TanKy.Hub.(*)..")</c> makes one slice per full namespace, so
    /// Broadcasts.Clock and Broadcasts would be two slices, and <c>"TanKy.Hub.(**).."</c> leaves out
    /// the types directly in TanKy.Hub.&lt;Feature&gt;; hence this slice assignment, which also puts
    /// the Razor views into Web.)
    /// </summary>
    [Fact]
    public void There_are_no_cycles_between_features()
    {
        var slices = new SliceRuleCreator();
        slices.SetSliceAssignment(new SliceAssignment(
            type => FeatureOf(type) is { } feature ? SliceIdentifier.Of(feature) : SliceIdentifier.Ignore(),
            $"by feature (top-level namespace {HubNamespace}.<Feature>)"));
        var results = new GivenSlices(slices).Should().BeFreeOfCycles().Evaluate(Loaded).ToList();
        if (results.All(r => r.Passed))
        {
            return;
        }
        // ArchUnitNET reports each strongly connected group of slices with every dependency inside it;
        // the shortest cycles through each edge of the group say more plainly what to cut.
        Assert.Fail("Cycles between features (shortest, one per edge on a cycle):" + Environment.NewLine
            + string.Join(Environment.NewLine, ShortestCycles(CrossFeatureUses().Select(u => (u.From, u.To)))
                .Select(c => "  " + string.Join(" -> ", c)))
            + Environment.NewLine + Environment.NewLine + "ArchUnitNET: " + results.ToErrorMessage());
    }

    /// <summary>For every edge A -> B that lies on a cycle, the shortest cycle A -> B -> ... -> A;
    /// each cycle once, shortest first.</summary>
    private static List<List<string>> ShortestCycles(IEnumerable<(string From, string To)> edgeList)
    {
        var next = edgeList.Distinct().ToLookup(e => e.From, e => e.To);
        var cycles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (from, to) in next.SelectMany(g => g.Select(t => (g.Key, t))))
        {
            // breadth-first from `to` back to `from`
            var parent = new Dictionary<string, string>(StringComparer.Ordinal) { [to] = to };
            var queue = new Queue<string>([to]);
            while (queue.Count > 0 && !parent.ContainsKey(from))
            {
                var node = queue.Dequeue();
                foreach (var n in next[node].Order(StringComparer.Ordinal))
                {
                    if (parent.TryAdd(n, node))
                    {
                        queue.Enqueue(n);
                    }
                }
            }
            if (!parent.ContainsKey(from))
            {
                continue;
            }
            var path = new List<string> { from };
            for (var n = from; n != to; n = parent[n])
            {
                path.Add(parent[n]);
            }
            // path is from <- ... <- to reversed: from, (nodes back to) to; make it from -> to -> ... -> from
            path.Reverse();
            var cycle = new List<string> { from };
            cycle.AddRange(path.Take(path.Count - 1));
            cycle.Add(from);
            // one key per cycle whatever node it starts at
            var ring = cycle.Take(cycle.Count - 1).ToList();
            var start = ring.IndexOf(ring.Min(StringComparer.Ordinal)!);
            var key = string.Join(">", ring.Skip(start).Concat(ring.Take(start)));
            cycles.TryAdd(key, cycle);
        }
        return cycles.Values.OrderBy(c => c.Count).ThenBy(c => string.Join(">", c), StringComparer.Ordinal).ToList();
    }

    /// <summary>Every hub type written by a person lives in a feature of the layer list, so no new
    /// folder escapes the layering rule. Outside TanKy.Hub.* only compiler and source-generator
    /// output, the Razor views and the entry point (top-level statements: the global Program) are allowed.</summary>
    [Fact]
    public void Every_hub_type_belongs_to_a_feature_of_the_layer_list()
    {
        var strays = HubTypes
            .Where(t => !IsGeneratedOrEntryPoint(t))
            .Where(t => FeatureOf(t) is not { } feature || !LayerOf.ContainsKey(feature))
            .Select(t => $"{t.FullName} (namespace \"{t.Namespace?.FullName}\")")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

        Assert.True(strays.Count == 0,
            "These hub types are in no feature of HubArchitecture.Layers (add the feature to a layer, or move the type):"
            + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", strays));
    }

    /// <summary>Null when <paramref name="from"/> may use <paramref name="to"/>, else why not.</summary>
    private static string? Problem(string from, string to)
    {
        if (!LayerOf.TryGetValue(from, out var fromLayer))
        {
            return $"{from} is not in the layer list";
        }
        if (!LayerOf.TryGetValue(to, out var toLayer))
        {
            return $"{to} is not in the layer list";
        }
        return toLayer > fromLayer ? "upward"
            : toLayer == fromLayer ? "sideways"
            : null;
    }

    private static int Rank(string feature) => LayerOf.TryGetValue(feature, out var layer) ? layer : int.MaxValue;

    /// <summary>Distinct "A uses B" lines, sorted, so the example in the message is stable.</summary>
    private static List<string> Pairs(IEnumerable<FeatureUse> uses) => uses
        .Select(u => u.Example)
        .Distinct(StringComparer.Ordinal)
        .OrderBy(p => p, StringComparer.Ordinal)
        .ToList();

    /// <summary>The graph as a layered text list, bottom to top: "Feature -> A, B, C" (used features
    /// bottom to top too); an offending edge is marked [upward] / [sideways] / [unlisted].</summary>
    private static string DescribeGraph(IEnumerable<(string From, string To)> edges)
    {
        var byFeature = edges.ToLookup(e => e.From, e => e.To);
        var features = Features.Concat(byFeature.Select(g => g.Key).Where(f => !LayerOf.ContainsKey(f)).Order(StringComparer.Ordinal));
        var text = new StringBuilder("Feature graph, bottom layer first (layer number, feature -> the features it uses); a feature may use only features listed before it:");
        text.AppendLine();
        foreach (var feature in features.Distinct())
        {
            var targets = byFeature[feature]
                .Distinct()
                .OrderBy(Rank).ThenBy(t => t, StringComparer.Ordinal)
                .Select(t => Problem(feature, t) switch
                {
                    null => t,
                    "upward" => t + " [upward]",
                    "sideways" => t + " [sideways]",
                    _ => t + " [unlisted]",
                })
                .ToList();
            var layer = LayerOf.TryGetValue(feature, out var l) ? $"{l,2}" : " ?";
            text.AppendLine($"{layer} {feature} -> {(targets.Count == 0 ? "(nothing)" : string.Join(", ", targets))}");
        }
        return text.ToString();
    }

    private static bool IsGeneratedOrEntryPoint(IType type)
    {
        var ns = type.Namespace?.FullName ?? "";
        return type.IsCompilerGenerated
            || type.Name.StartsWith('<')
            || type.FullName.Contains("+<", StringComparison.Ordinal)
            || FeatureOf(type) == RazorViewFeature && !ns.StartsWith(HubNamespace, StringComparison.Ordinal)
            || (ns.Length == 0 && type.Name == "Program")
            // source generators (regex, JSON, configuration binding, OpenAPI...) and the compiler's
            // embedded attributes put their types in these library namespaces of the hub assembly
            || ns.StartsWith("System.", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.", StringComparison.Ordinal);
    }
}
