using System.Text.Json.Nodes;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules.DeviceActions;
using TanKy.Hub.Schedules;
using TanKy.Hub.Schedules.Model;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary>Device actions of the programme files use device control's rules and bulk path (issue 6 item 4).</summary>
public sealed class ScheduledDeviceActions_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        _hub = await TestHub.StartAsync(_dir.Path);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public void Action_values_are_checked_with_the_per_kind_rules()
    {
        var validator = new DesiredSchemaActionValidator();

        validator.Validate("speaker", new JsonObject { ["volume"] = 150 }).Should().ContainSingle().Which.Reason.Should().BeOneOf("âm lượng phải từ 0 đến 100", "volume must be 0–100"); // in the CLI's language
        validator.Validate("wifi-ap", new JsonObject { ["hours"] = "05:00-25:00" }).Should().NotBeEmpty();
        validator.Validate(null, new JsonObject { ["warp_speed"] = 9 }).Should().ContainSingle().Which.Key.Should().Be("warp_speed");
        validator.Validate("led-board", new JsonObject { ["message"] = new JsonObject { ["text"] = "Xã Tân Kỳ chào ngày mới", ["class"] = "normal", ["seconds"] = 3600 } })
            .Should().BeEmpty();
    }

    [Fact]
    public void The_hub_uses_device_control_for_scheduled_actions()
    {
        _hub.Get<IDeviceActionRunner>().Should().BeOfType<ProgrammeDeviceActionRunner>();
    }

    [Fact]
    public async Task A_scheduled_action_sets_desired_state_on_the_targeted_devices_only()
    {
        var action = new ScheduledDeviceAction(
            "loa-giam-am", "Giảm âm lượng ban đêm", DateTimeOffset.UtcNow,
            new DeviceActionTarget(null, ["khoi-1"], AllZones: false, Kind: "speaker"),
            new JsonObject { ["volume"] = 30 },
            new MisfireInfo(TimeSpan.Zero, TimeSpan.FromHours(1)));

        await _hub.Get<IDeviceActionRunner>().RunAsync(action, CancellationToken.None);

        var desired = _hub.Get<DesiredStateService>();
        desired.GetDesired("loa-khoi-1-a")!.Value.State["volume"]!.GetValue<int>().Should().Be(30);
        desired.GetDesired("loa-xom-3-a")!.Value.State.Should().NotContainKey("volume", "another hamlet (its desired state holds only its zones, issue #15)");
    }
}
