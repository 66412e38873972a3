using System.Text.Json.Nodes;
using Dapper;
using TanKy.Hub.Devices;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Foundation;

public sealed class HubRestart_Tests : IAsyncLifetime
{
    private CommuneHarness _c = null!;

    public async Task InitializeAsync() => _c = await CommuneHarness.StartAsync();

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Fact]
    public async Task A_restart_keeps_the_registry_the_retained_desired_state_and_the_history()
    {
        var node = await _c.StartNodeAsync("loa-xom-3-a");
        await node.StopAsync();
        await _c.WaitForStatusAsync("loa-xom-3-a", DeviceStatus.Offline);
        var desired = await _c.Hub.Get<DesiredStateService>().SetAsync("loa-xom-3-a", new JsonObject { ["volume"] = 55, ["mute"] = false }, "test");

        await _c.RestartHubAsync();

        _c.Dir.Devices.List().Should().HaveCount(3);
        _c.StatusEvents("loa-xom-3-a").Should().Equal(("online", "birth"), ("offline", "shutdown"));
        using (var db = _c.Dir.Db.Open())
        {
            db.ExecuteScalar<long>("SELECT COUNT(*) FROM hub_runs WHERE stopped_at IS NOT NULL").Should().Be(1, "the first run ended cleanly");
        }

        // The desired state came back from the broker's persisted retained messages, not from a republish.
        await node.StartAsync();
        await node.WaitForDesiredAppliedAsync(desired.Version, CommuneHarness.Wait);
        node.AppliedState["volume"]!.GetValue<int>().Should().Be(55);
        await _c.WaitForStatusAsync("loa-xom-3-a", DeviceStatus.Online);
        _c.StatusEvents("loa-xom-3-a").Should().HaveCount(3);
    }

    [Fact]
    public async Task Devices_added_by_the_cli_while_the_hub_runs_can_connect_at_once()
    {
        // The CLI is another process on the same database: here another registry object.
        var cli = new DeviceRegistry(_c.Dir.Db, TimeProvider.System);
        _c.Secrets["cam-khoi-1-1"] = cli.Add(new NewDevice("cam-khoi-1-1", Protocol.DeviceKind.Camera, ["khoi-1"]));

        var node = await _c.StartNodeAsync("cam-khoi-1-1");

        node.IsConnected.Should().BeTrue();
        _c.Dir.Devices.Get("cam-khoi-1-1")!.Status.Should().Be("online");
    }
}
