using TanKy.DeviceSim.Node;

namespace TanKy.EndToEnd.Tests.Simulator;

/// <summary>The activity stream the tests' waits (tests/Shared/NodeWaits.cs) are built on; no broker needed.</summary>
public sealed class NodeActivityTests
{
    [Fact]
    public void A_throwing_observer_neither_breaks_the_node_nor_silences_the_others()
    {
        using var node = new NodeContext(TestNodes.Options(port: 1), sender: "the node");
        var heard = new List<(object? Sender, NodeActivityKind Kind)>();
        node.Activity += (_, _) => throw new InvalidOperationException("observer bug");
        node.Activity += (sender, a) => heard.Add((sender, a.Kind));

        node.Raise(NodeActivityKind.Stopped);

        heard.Should().Equal([("the node", NodeActivityKind.Stopped)]);
        node.LastError.Should().Be("activity handler: observer bug");
    }

    [Fact]
    public void An_activity_carries_the_boot_it_happened_in()
    {
        using var node = new NodeContext(TestNodes.Options(port: 1), sender: "the node");
        var boots = new List<string>();
        node.Activity += (_, a) => boots.Add(a.BootId);

        node.Raise(NodeActivityKind.Rebooting);
        node.NewBoot();
        node.Raise(NodeActivityKind.Connected);

        boots.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        boots[1].Should().Be(node.BootId).And.MatchRegex("^[0-9a-f]{16}$");
    }
}
