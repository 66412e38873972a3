using TanKy.DeviceSim.Fleet;
using TanKy.DeviceSim.Node;
using TanKy.Protocol;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Simulator;

public sealed class FleetRunnerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Runs_a_fleet_and_stops_every_node_cleanly(bool storm)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var probe = await MqttProbe.ConnectAsync(broker.Port);
        var devices = Enumerable.Range(1, 12)
            .Select(i => new FleetDevice($"loa-{i}", i % 3 == 0 ? DeviceKind.WifiAp : DeviceKind.Speaker, $"s{i}", null, null, null))
            .ToList();
        var fleet = new FleetFile("tan-ky", "127.0.0.1", 1, false, devices);
        var options = new FleetRunOptions { Port = broker.Port, StartAllAtOnce = storm, StaggerDelay = TimeSpan.FromMilliseconds(1), Limit = 10 };

        var runner = new FleetRunner(fleet, options);
        await runner.StartAsync();
        await runner.WaitUntilAllConnectedAsync(Waits.Default);

        runner.Nodes.Should().HaveCount(10);
        runner.OnlineCount.Should().Be(10);
        await runner.StopAsync();
        runner.OnlineCount.Should().Be(0);
        runner.Nodes.Should().OnlyContain(n => n.Status == NodeStatus.Stopped);
        foreach (var node in runner.Nodes)
        {
            await broker.WaitForLogAsync(l => l == $"disconnect {node.DeviceId} Clean");
        }

        await runner.DisposeAsync();
    }

    [Fact]
    public async Task Kill_every_kills_an_online_node_and_it_boots_again()
    {
        await using var broker = await TestBroker.StartAsync();
        var fleet = new FleetFile("tan-ky", "127.0.0.1", broker.Port, false, [new FleetDevice("cam-1", DeviceKind.Camera, "s", null, null, null)]);
        var options = new FleetRunOptions
        {
            KillEvery = TimeSpan.FromMilliseconds(100),
            PowerBackAfter = TimeSpan.FromMilliseconds(50),
            ReconnectBase = TimeSpan.FromMilliseconds(20),
            ReconnectCap = TimeSpan.FromMilliseconds(200),
        };
        await using var runner = new FleetRunner(fleet, options);
        var node = runner.Nodes[0];
        await runner.StartAsync();
        await node.WaitUntilConnectedAsync(Waits.Default);
        var firstBoot = node.BootId;

        await node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Killed, Waits.Default);
        var back = await node.WaitForActivityAsync(a => a.Kind == NodeActivityKind.Connected, Waits.Default);

        back.BootId.Should().NotBe(firstBoot);
        await broker.WaitForLogAsync(l => l == "disconnect cam-1 NotClean");
    }
}
