using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TanKy.Hub.Devices;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.Foundation;

/// <summary>The foundation flow: real hub + embedded broker + SQLite, real simulated nodes over loopback.</summary>
public sealed class DeviceLifecycle_Tests : IAsyncLifetime
{
    private CommuneHarness _c = null!;

    public async Task InitializeAsync() => _c = await CommuneHarness.StartAsync();

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [Fact]
    public async Task A_birth_updates_the_registry_and_health_counts_it()
    {
        var node = await _c.StartNodeAsync("loa-khoi-1-a");

        var device = _c.Dir.Devices.Get("loa-khoi-1-a")!;
        device.Status.Should().Be("online");
        device.Firmware.Should().Be("sim-1.0.0");
        device.BootId.Should().Be(node.BootId);
        device.Capabilities.Should().Contain("opus");
        var health = await _c.Hub.Http.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("devices").GetProperty("online").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task An_abrupt_kill_is_recorded_offline_through_the_will()
    {
        var node = await _c.StartNodeAsync("loa-khoi-1-a");
        var offline = _c.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Offline);

        node.Kill();

        (await offline).Reason.Should().Be("will");
        _c.StatusEvents("loa-khoi-1-a").Should().Equal(("online", "birth"), ("offline", "will"));
    }

    [Fact]
    public async Task A_clean_shutdown_is_recorded_offline_too()
    {
        var node = await _c.StartNodeAsync("wifi-khoi-1");
        var offline = _c.WaitForStatusAsync("wifi-khoi-1", DeviceStatus.Offline);

        await node.StopAsync();

        (await offline).Reason.Should().Be("shutdown");
        _c.Dir.Devices.Get("wifi-khoi-1")!.Status.Should().Be("offline");
    }

    [Fact]
    public async Task Telemetry_reaches_the_registry()
    {
        var recorder = _c.Hub.Get<TelemetryRecorder>();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recorder.Enqueued += (_, t) =>
        {
            if (t.DeviceId == "wifi-khoi-1")
            {
                received.TrySetResult();
            }
        };

        await _c.StartNodeAsync("wifi-khoi-1");
        await received.Task.WaitAsync(CommuneHarness.Wait);

        recorder.Flush().Should().BeGreaterThan(0);
        using var c = _c.Dir.Db.Open();
        Dapper.SqlMapper.ExecuteScalar<string>(c, "SELECT metrics FROM telemetry_latest WHERE device_id = 'wifi-khoi-1'").Should().Contain("clients");
    }

    [Fact]
    public async Task Desired_state_set_while_offline_is_applied_on_reconnect_and_reported()
    {
        var node = await _c.StartNodeAsync("loa-khoi-1-a");
        await node.StopAsync();
        await _c.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Offline);

        var desired = await _c.Hub.Get<DesiredStateService>().SetAsync("loa-khoi-1-a", new JsonObject { ["volume"] = 70 }, "test");
        var reported = WaitReported("loa-khoi-1-a", desired.Version);
        await node.StartAsync();

        await node.WaitForDesiredAppliedAsync(desired.Version, CommuneHarness.Wait);
        node.AppliedState["volume"]!.GetValue<int>().Should().Be(70);
        await reported;
        _c.Hub.Get<DesiredStateService>().GetReported("loa-khoi-1-a")!.Value.Version.Should().Be(desired.Version);
    }

    private Task WaitReported(string id, long version)
    {
        var recorder = _c.Hub.Get<ReportedStateRecorder>();
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recorder.Recorded += (_, r) =>
        {
            if (r.DeviceId == id && r.Version >= version)
            {
                tcs.TrySetResult();
            }
        };
        return tcs.Task.WaitAsync(CommuneHarness.Wait);
    }
}
