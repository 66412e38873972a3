using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using TanKy.Hub.Devices;
using TanKy.Hub.Devices.Control;
using TanKy.Tests.Shared;

namespace TanKy.EndToEnd.Tests.DeviceControl;

/// <summary>Desired state and drift: offline devices converge on reconnect; what a device cannot apply shows.</summary>
public sealed class Convergence_Tests : IAsyncLifetime
{
    private ControlCommune _k = null!;

    public async Task InitializeAsync() => _k = await ControlCommune.StartAsync();

    public async Task DisposeAsync() => await _k.DisposeAsync();

    [Fact]
    public async Task A_device_offline_during_a_change_converges_on_reconnect()
    {
        var node = await _k.StartAsync("loa-khoi-1-a");
        await node.StopAsync();
        await _k.C.WaitForStatusAsync("loa-khoi-1-a", DeviceStatus.Offline);

        var version = await _k.SetAsync("loa-khoi-1-a", new { volume = 35, mute = true });
        var pending = await _k.StateAsync("loa-khoi-1-a");
        await node.StartAsync();
        await node.WaitForDesiredAppliedAsync(version, TimeSpan.FromSeconds(15));
        await _k.WaitForReportedAsync("loa-khoi-1-a", version);
        var converged = await _k.StateAsync("loa-khoi-1-a");

        pending.GetProperty("inSync").GetBoolean().Should().BeFalse();
        pending.GetProperty("drift").EnumerateArray().Select(d => d.GetString()).Should().Contain(["version", "volume", "mute"]);
        node.AppliedState["volume"]!.GetValue<int>().Should().Be(35);
        converged.GetProperty("inSync").GetBoolean().Should().BeTrue(converged.ToString());
        converged.GetProperty("reported").GetProperty("version").GetInt64().Should().Be(version);
        converged.GetProperty("drift").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Keys_a_device_cannot_apply_show_as_device_errors_and_drift()
    {
        await _k.StartAsync("loa-xom-3-a");

        // Bypasses the hub's schema on purpose: an older hub or a hand-written desired state.
        var desired = await _k.C.Hub.Get<DesiredStateService>().SetAsync("loa-xom-3-a", new JsonObject { ["volume"] = 60, ["quiet_hours"] = "22:00-05:00" }, "test");
        await _k.WaitForReportedAsync("loa-xom-3-a", desired.Version);
        var view = _k.C.Hub.Get<DeviceStateReader>().Read("loa-xom-3-a")!;

        view.Errors.Should().Equal(new Dictionary<string, string> { ["quiet_hours"] = "not supported" });
        view.Drift.Should().Equal("quiet_hours");
        view.InSync.Should().BeFalse();
        view.Reported!.State["volume"]!.GetValue<int>().Should().Be(60);
    }

    [Fact]
    public async Task A_led_message_in_vietnamese_reaches_the_board_intact()
    {
        var node = await _k.StartAsync("led-khoi-1");
        const string text = "Thông báo: tiêm phòng dại cho chó mèo sáng Chủ nhật tại nhà văn hoá Khối 1";

        var version = await _k.SetAsync("led-khoi-1", new { brightness = 60, message = new { text, @class = "announcement", seconds = 7200 } });
        await node.WaitForDesiredAppliedAsync(version, TimeSpan.FromSeconds(15));

        node.AppliedState["message"]!["text"]!.GetValue<string>().Should().Be(text);
        node.AppliedState["brightness"]!.GetValue<int>().Should().Be(60);
    }

    [Fact]
    public async Task A_camera_tamper_event_is_stored_as_an_alert()
    {
        var node = await _k.StartAsync("cam-khoi-1");
        var alerts = _k.C.Hub.Get<DeviceAlertRecorder>();
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        alerts.Recorded += (_, a) => recorded.TrySetResult();

        (await node.RaiseTamperAsync("lens covered")).Should().BeTrue();
        await recorded.Task.WaitAsync(TimeSpan.FromSeconds(15));

        using var c = _k.C.Dir.Db.Open();
        var row = c.QuerySingle<(string Type, string Data)>("SELECT type, data FROM device_alerts WHERE device_id = 'cam-khoi-1'");
        row.Type.Should().Be("camera.tamper");
        JsonNode.Parse(row.Data)!["reason"]!.GetValue<string>().Should().Be("lens covered");
    }
}
