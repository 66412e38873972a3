using Dapper;
using TanKy.DeviceSim.Fleet;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;
using TanKy.Tests.Shared;
using Xunit.Abstractions;

namespace TanKy.EndToEnd.Tests.Field;

/// <summary>
/// Reconnect storm, CI size: the sample fleet ×2 (102 devices) on the embedded broker; the hub
/// (its broker) restarts; every device changed while it was down. All come back on their own and
/// converge on the new desired state, none lost. Time is measured by the <c>reconnect-storm</c>
/// benchmark (×10), not asserted here.
/// </summary>
public sealed class ReconnectStorm_Tests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task After_a_broker_restart_the_fleet_reconnects_and_converges_on_desired_state_set_while_it_was_down()
    {
        using var dir = new TempDataDir();
        var devices = SampleCommune.Import(dir.Db, copies: 2);
        var fleetPath = Path.Combine(dir.Path, "fleet.json");
        new FleetExporter(dir.Db, dir.Devices).Export(fleetPath, "tan-ky", "127.0.0.1", 1883, tls: false);
        var hub = await TestHub.StartAsync(dir.Path);
        var port = hub.MqttPort;
        await using var fleet = new FleetRunner(FleetFile.Load(fleetPath), new FleetRunOptions
        {
            Port = port,
            StartAllAtOnce = true,
            TelemetryInterval = TimeSpan.FromSeconds(30),
            ReconnectBase = TimeSpan.FromMilliseconds(500),
            ReconnectCap = TimeSpan.FromSeconds(5),
        });
        try
        {
            await fleet.StartAsync();
            await fleet.WaitUntilAllConnectedAsync(Wait);

            await hub.StopAsync();
            await hub.DisposeAsync();
            var expected = SampleCommune.StoreDesiredWhileDown(dir.Db, round: 3);
            hub = await TestHub.StartAsync(dir.Path, port);

            await fleet.WaitUntilAllConnectedAsync(Wait);
            var deadline = DateTime.UtcNow + Wait;
            while (DateTime.UtcNow < deadline && (Applied(fleet, expected) < devices || Reported(dir, expected) < devices))
            {
                await Task.Delay(200);
            }

            output.WriteLine($"{devices} devices: applied {Applied(fleet, expected)}, reported at the hub {Reported(dir, expected)}");
            expected.Should().HaveCount(devices);
            fleet.Nodes.Where(n => n.AppliedVersion != expected[n.DeviceId]).Select(n => n.DeviceId).Should().BeEmpty("every device applies the desired state set while the broker was down");
            Reported(dir, expected).Should().Be(devices, "the hub has every device's report of it: zero lost desired state");
            dir.Devices.List().Count(d => d.Status == DeviceStatus.Online).Should().Be(devices);
        }
        finally
        {
            await fleet.StopAsync();
            await hub.DisposeAsync();
        }
    }

    private static int Applied(FleetRunner fleet, Dictionary<string, long> expected) => fleet.Nodes.Count(n => n.AppliedVersion == expected[n.DeviceId]);

    private static int Reported(TempDataDir dir, Dictionary<string, long> expected)
    {
        using var c = dir.Db.Open();
        return c.Query<(string Id, long Version)>("SELECT device_id, version FROM reported_state").Count(r => expected.TryGetValue(r.Id, out var v) && r.Version >= v);
    }
}
