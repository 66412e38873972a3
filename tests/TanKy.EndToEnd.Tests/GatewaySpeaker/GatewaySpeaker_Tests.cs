using System.Diagnostics;
using TanKy.EndToEnd.Tests.Emergency;
using TanKy.EndToEnd.Tests.Foundation;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Devices;
using TanKy.Hub.Gateway.Speaker;
using TanKy.Protocol;

namespace TanKy.EndToEnd.Tests.GatewaySpeaker;

/// <summary>
/// The real hub runs the real node firmware (tanky-sim.dll from the test output folder) as its
/// gateway speaker, writing WAVs instead of playing on a sound card.
/// </summary>
public sealed class GatewaySpeaker_Tests : IAsyncLifetime
{
    private readonly string _wavDir = Directory.CreateTempSubdirectory("tanky-gw-wav-").FullName;
    private EmergencyCommune _commune = null!;

    public async Task InitializeAsync()
    {
        _commune = await EmergencyCommune.StartAsync(new Dictionary<string, string>
        {
            ["Gateway:Speaker:Enabled"] = "true",
            ["Gateway:Speaker:DeviceId"] = "gw-loa",
            ["Gateway:Speaker:Zone"] = "khoi-1",
            ["Gateway:Speaker:Command"] = "dotnet",
            ["Gateway:Speaker:Arguments:0"] = Path.Combine(AppContext.BaseDirectory, "tanky-sim.dll"),
            ["Gateway:Speaker:Output"] = "wav:" + _wavDir,
            ["Gateway:Speaker:RestartDelay"] = "00:00:00.2",
        });
    }

    public async Task DisposeAsync()
    {
        await _commune.DisposeAsync();
        Directory.Delete(_wavDir, recursive: true);
    }

    private GatewaySpeakerService Service => _commune.C.Hub.Get<GatewaySpeakerService>();

    [Fact]
    public async Task The_gateway_speaker_comes_online_plays_its_zone_and_stops_with_the_hub()
    {
        await _commune.C.WaitForStatusAsync("gw-loa", DeviceStatus.Online);
        var device = _commune.C.Dir.Devices.Get("gw-loa")!;
        device.Kind.Should().Be(DeviceKind.Speaker);
        device.Zones.Should().Equal("khoi-1");
        var fleet = Path.Combine(_commune.C.Dir.Path, GatewaySpeakerService.FleetFileName);
        File.GetUnixFileMode(fleet).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // The child is a separate process: it may still be in its first clock-sync burst when it
        // comes online, and its events are the only sign we get. A broadcast it missed is retried.
        var broadcast = await PlayUntilDeliveredAsync();
        var report = _commune.Broadcasts.GetDeliveryReport(broadcast.BroadcastId);
        report.Started.Should().Be(1);
        report.Nodes.Should().ContainSingle(n => n.DeviceId == "gw-loa");
        // The delivery report above is the node's own word that it played; its WAV is written as it ends.
        Directory.Exists(_wavDir).Should().BeTrue();

        var pid = Service.ProcessId!.Value;
        using var child = Process.GetProcessById(pid);
        await _commune.C.Hub.StopAsync();
        child.HasExited.Should().BeTrue("the hub stops its gateway speaker on shutdown");
        Service.ProcessId.Should().BeNull();
    }

    private async Task<BroadcastTicket> PlayUntilDeliveredAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var broadcast = await _commune.Broadcasts.PlayAsync(new BroadcastRequest(_commune.ShortClip, BulletinClass.Normal, ["khoi-1"], "test", "test"));
            try
            {
                // Played and finished: a node still in its clock-sync burst may finish a stream it never
                // sounded (0 frames), which the delivery report does not count as played (PlaybackHeard).
                await EmergencyCommune.EventuallyAsync(() => _commune.Broadcasts.GetDeliveryReport(broadcast.BroadcastId) is { Finished: 1, Started: 1 }, "the gateway speaker to play the broadcast");
                return broadcast;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    [Fact]
    public async Task A_node_that_exits_is_started_again()
    {
        await _commune.C.WaitForStatusAsync("gw-loa", DeviceStatus.Online);
        var pid = Service.ProcessId!.Value;
        using (var child = Process.GetProcessById(pid))
        {
            child.Kill();
            await child.WaitForExitAsync();
        }

        await EmergencyCommune.EventuallyAsync(() => Service.Starts == 2 && Service.ProcessId is { } p && p != pid, "the node to be started again");
        await EmergencyCommune.EventuallyAsync(() => _commune.C.Dir.Devices.Get("gw-loa")!.Status == DeviceStatus.Online, "the restarted node to be online");
    }
}
