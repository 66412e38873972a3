using System.Text.Json.Nodes;
using TanKy.Hub.Devices.Control.Bulk;
using TanKy.Hub.Devices.Control.Validation;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Tests.DeviceControl;

public sealed class ScheduledBulk_Tests : IDisposable
{
    private readonly ControlFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static DeviceAction WifiOff => new() { Zone = "khoi-3", Kind = "wifi-ap", Set = new JsonObject { ["ssid_broadcast"] = false } };

    [Fact]
    public void At_hh_mm_is_the_next_time_the_commune_clock_shows_it()
    {
        // The fake clock starts at 2026-11-28 06:00 in Tân Kỳ (UTC+7).
        _f.Clock.Parse("23:00").Should().Be(new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.FromHours(7)));
        _f.Clock.Parse("05:30").Should().Be(new DateTimeOffset(2026, 11, 29, 5, 30, 0, TimeSpan.FromHours(7)));
        _f.Clock.Parse("2026-12-01T08:00:00+07:00").Should().Be(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(7)));
        _f.Clock.Parse("25:00").Should().BeNull();
    }

    [Fact]
    public async Task Wifi_in_khoi_3_off_at_23_00_runs_when_the_clock_reaches_it_and_not_before()
    {
        var id = _f.Scheduled.Add(WifiOff, _f.Clock.Parse("23:00")!.Value, "ky-thuat");

        _f.Time.Advance(TimeSpan.FromHours(16) + TimeSpan.FromMinutes(59));
        (await _f.Runner.RunDueAsync()).Should().Be(0);
        _f.Mqtt.Published.Should().BeEmpty();

        _f.Time.Advance(TimeSpan.FromMinutes(1));
        (await _f.Runner.RunDueAsync()).Should().Be(1);

        _f.Mqtt.Published.Select(p => p.Topic).Should().BeEquivalentTo(
            "tanky/v1/tan-ky/dev/wifi-khoi-3-a/desired", "tanky/v1/tan-ky/dev/wifi-khoi-3-b/desired");
        _f.Mqtt.Published.Should().OnlyContain(p => p.Retain && p.Json["state"]!["ssid_broadcast"]!.GetValue<bool>() == false);
        var done = _f.Scheduled.Get(id)!;
        done.RanAt.Should().Be(_f.Time.GetUtcNow());
        done.Status.Should().Be("failed", "both access points are offline: stored for their reconnect, but not applied yet");
        done.Result!.Results.Should().OnlyContain(r => r.Status == "offline");

        // The detail is stored as a text key and said in the reader's language (API: Accept-Language).
        done.Result.In("vi").Results.Should().OnlyContain(r => r.Detail == "đã lưu; thiết bị sẽ áp dụng khi kết nối lại");
        done.Result.In("en").Results.Should().OnlyContain(r => r.Detail == "stored; the device applies it when it reconnects");
        (await _f.Runner.RunDueAsync()).Should().Be(0, "an action runs once");
    }

    [Fact]
    public async Task A_scheduled_action_that_no_longer_fits_the_registry_fails_with_a_Vietnamese_reason()
    {
        // Scheduled for a device that has since been removed: the run is refused, and the list says why.
        var id = _f.Scheduled.Add(new DeviceAction { Devices = ["wifi-da-go"], Set = new JsonObject { ["ssid_broadcast"] = false } }, _f.Time.GetUtcNow(), "ky-thuat");

        (await _f.Runner.RunDueAsync()).Should().Be(1);

        var done = _f.Scheduled.Get(id)!;
        done.Status.Should().Be("failed");
        Text.FailureReasons_Tests.ShouldBeVietnamese(HubText.Default.Render(done.Error, "vi"));
        HubText.Default.Render(done.Error, "en").Should().StartWith("the scheduled action is no longer valid");
        done.Error.Should().NotContain("target:", "the English field reasons are for the log");
    }

    [Fact]
    public void Refusals_of_desired_state_name_fields_and_kinds_in_Vietnamese_and_in_wire_words_in_English()
    {
        var wifi = () => _f.Bulk.Validate(new DeviceAction { Zone = "khoi-3", Kind = "wifi-ap", Set = new JsonObject { ["client_kbps"] = 1, ["volume"] = 5 } });

        var vi = wifi.Should().Throw<ControlValidationException>().Which.In("vi").Select(e => e.Reason).Distinct().ToList();
        vi.Should().Contain("tốc độ tối đa mỗi máy (kbps) phải từ 64 đến 100000");
        vi.Should().Contain(r => r.StartsWith("thiết bị loại điểm phát Wi-Fi không có trường 'volume'", StringComparison.Ordinal));
        vi.Should().NotContain(r => r.Contains("wifi-ap", StringComparison.Ordinal) || r.StartsWith("client_kbps", StringComparison.Ordinal));
        var en = wifi.Should().Throw<ControlValidationException>().Which.In("en").Select(e => e.Reason).Distinct().ToList();
        en.Should().Contain("client_kbps must be 64–100000");
        en.Should().Contain(r => r.StartsWith("unknown field 'volume' for a wifi-ap", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_bulk_change_is_refused_for_every_device_before_any_is_touched()
    {
        var act = () => _f.Bulk.Validate(new DeviceAction { Zone = "khoi-3", Set = new JsonObject { ["volume"] = 150 } });

        var errors = act.Should().Throw<ControlValidationException>().Which.In("en");
        errors.Should().Contain(new FieldError("loa-khoi-3.volume", "volume must be 0–100"));
        errors.Should().Contain(e => e.Field == "wifi-khoi-3-a.volume" && e.Reason.StartsWith("unknown field 'volume' for a wifi-ap", StringComparison.Ordinal));
        _f.Mqtt.Published.Should().BeEmpty();
    }

    [Fact]
    public void A_bulk_action_needs_a_target_and_exactly_one_change()
    {
        new DeviceAction { Set = new JsonObject() }.CheckShape().Select(e => e.Field).Should().Equal("target");
        new DeviceAction { Zone = "khoi-3" }.CheckShape().Select(e => e.Field).Should().Equal("action");
        new DeviceAction { Kind = "lamp", Set = new JsonObject() }.CheckShape().Select(e => e.Field).Should().Equal("kind");
    }

    [Fact]
    public void A_cancelled_action_never_runs()
    {
        var id = _f.Scheduled.Add(WifiOff, _f.Time.GetUtcNow().AddMinutes(1), null);

        _f.Scheduled.Cancel(id).Should().BeTrue();
        _f.Time.Advance(TimeSpan.FromMinutes(2));

        _f.Scheduled.ClaimNextDue().Should().BeNull();
        _f.Scheduled.Get(id)!.Status.Should().Be("cancelled");
    }
}
