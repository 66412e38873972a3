using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Accounts;

namespace TanKy.Hub.Tests.DeviceControl;

public sealed class ControlApi_Tests(ControlApiFixture f) : IClassFixture<ControlApiFixture>
{
    [Theory]
    [InlineData(Role.HamletHead)]
    [InlineData(Role.Officer)]
    [InlineData(Role.Viewer)]
    public async Task Only_technicians_and_admins_control(Role role)
    {
        using var client = f.As(role);

        (await client.PutAsJsonAsync("/api/v1/devices/loa-khoi-1-a/desired", new { volume = 50 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync("/api/v1/devices/loa-khoi-1-a/commands", new { op = "ping" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync("/api/v1/bulk", new { zone = "khoi-1", set = new { volume = 50 } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Role.Technician)]
    [InlineData(Role.Admin)]
    public async Task Technicians_and_admins_change_desired_state(Role role)
    {
        using var client = f.As(role);

        var response = await client.PutAsJsonAsync("/api/v1/devices/loa-xom-3-a/desired", new { volume = 65, mute = false });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("state").GetProperty("volume").GetInt32().Should().Be(65);
        body.GetProperty("view").GetProperty("drift").EnumerateArray().Select(e => e.GetString()).Should().Contain(["version", "volume"], "no device has reported yet");
    }

    [Fact]
    public async Task A_hamlet_head_reads_the_state_of_their_own_hamlet_only()
    {
        using var head = f.As(Role.HamletHead);

        (await head.GetAsync("/api/v1/devices/loa-khoi-1-a/state")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.GetAsync("/api/v1/devices/loa-xom-3-a/state")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.GetAsync("/api/v1/devices/loa-xom-3-a/commands")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.GetAsync("/api/v1/devices/cam-xom-3/snapshots")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var officer = f.As(Role.Officer);
        (await officer.GetAsync("/api/v1/devices/loa-xom-3-a/state")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null, "loa-khoi-1-a", """{"volume":150}""", "volume", "âm lượng phải từ 0 đến 100")]
    [InlineData("en", "loa-khoi-1-a", """{"volume":150}""", "volume", "volume must be 0–100")]
    [InlineData(null, "wifi-none", """{"volume":1}""", null, null)]
    [InlineData(null, "led-khoi-1", """{"colour":"red"}""", "colour", "thiết bị loại bảng LED không có trường 'colour' (các trường có: power, brightness, message, schedule)")]
    [InlineData("en", "led-khoi-1", """{"colour":"red"}""", "colour", "unknown field 'colour' for a led-board (known: power, brightness, message, schedule)")]
    [InlineData(null, "led-khoi-1", """{"message":{"text":"x","class":"urgent"}}""", "message", "message.class phải là một trong: normal, announcement, emergency")]
    [InlineData("en", "led-khoi-1", """{"message":{"text":"x","class":"urgent"}}""", "message", "message.class must be one of normal, announcement, emergency")]
    public async Task Invalid_values_are_refused_with_reasons_in_the_requests_language(string? language, string device, string json, string? field, string? reason)
    {
        using var client = f.As(Role.Technician);
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.PutAsync($"/api/v1/devices/{device}/desired", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        if (field is null)
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            return;
        }

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (language is null)
        {
            problem.GetProperty("title").GetString().Should().StartWith("Giá trị không hợp lệ");
        }

        problem.GetProperty("detail").GetString().Should().Be($"{field}: {reason}");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("field").GetString().Should().Be(field);
        error.GetProperty("reason").GetString().Should().Be(reason);
    }

    [Fact]
    public async Task Led_text_over_200_characters_is_refused_and_vietnamese_within_it_accepted()
    {
        using var client = f.As(Role.Technician);

        var tooLong = await client.PutAsJsonAsync("/api/v1/devices/led-khoi-1/desired", new { message = new { text = new string('ư', 201), @class = "announcement" } });
        var fine = await client.PutAsJsonAsync("/api/v1/devices/led-khoi-1/desired", new { message = new { text = "Khẩn cấp: lũ trên sông Con, sơ tán ngay", @class = "emergency", seconds = 600 } });

        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Reasons(await tooLong.Content.ReadFromJsonAsync<JsonElement>())["message"].Should().Be("message.text: chữ dài 201 ký tự; bảng LED hiện tối đa 200");
        fine.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bulk_change_that_is_invalid_for_a_targeted_device_changes_nothing()
    {
        using var client = f.As(Role.Technician);

        var response = await client.PostAsJsonAsync("/api/v1/bulk", new { zone = "khoi-1", set = new { volume = 150 } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var reasons = Reasons(await response.Content.ReadFromJsonAsync<JsonElement>());
        reasons["loa-khoi-1-a.volume"].Should().Be("âm lượng phải từ 0 đến 100");
        reasons.Should().Contain(r => r.Value.StartsWith("thiết bị loại camera an ninh không có trường 'volume'", StringComparison.Ordinal));
        // Its desired state is still the one the registry gave it (its zones, issue #15): version 1, no volume.
        var desired = (await client.GetFromJsonAsync<JsonElement>("/api/v1/devices/loa-khoi-1-a/state")).GetProperty("desired");
        desired.GetProperty("version").GetInt64().Should().Be(1);
        desired.GetProperty("state").TryGetProperty("volume", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_bulk_action_can_be_scheduled_for_later_and_cancelled()
    {
        using var client = f.As(Role.Technician);

        var response = await client.PostAsJsonAsync("/api/v1/bulk", new { zone = "khoi-1", kind = "speaker", set = new { power = false }, at = "23:00" });
        var bad = await client.PostAsJsonAsync("/api/v1/bulk", new { zone = "khoi-1", kind = "speaker", set = new { power = false }, at = "25:00" });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("devices").EnumerateArray().Select(d => d.GetString()).Should().Equal("loa-khoi-1-a");
        var due = body.GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7));
        (due.Hour, due.Minute).Should().Be((23, 0));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Reasons(await bad.Content.ReadFromJsonAsync<JsonElement>())["at"].Should().Be("'25:00' không phải giờ HH:MM (00:00–23:59) cũng không phải thời điểm ISO 8601");
        (await client.DeleteAsync($"/api/v1/bulk/scheduled/{body.GetProperty("id").GetInt64()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_command_to_an_offline_device_can_be_sent_without_waiting_and_is_pending()
    {
        using var client = f.As(Role.Technician);

        var response = await client.PostAsJsonAsync("/api/v1/devices/loa-xom-3-a/commands", new { op = "tone", args = new { freq_hz = 800 }, timeout = 30, wait = false });
        var unknownOp = await client.PostAsJsonAsync("/api/v1/devices/loa-xom-3-a/commands", new { op = "snapshot" });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var command = await response.Content.ReadFromJsonAsync<JsonElement>();
        command.GetProperty("status").GetString().Should().Be("pending");
        command.GetProperty("issuedBy").GetString().Should().Be("ky-thuat");
        var id = command.GetProperty("id").GetString();
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/devices/loa-xom-3-a/commands/{id}")).GetProperty("op").GetString().Should().Be("tone");
        unknownOp.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Reasons(await unknownOp.Content.ReadFromJsonAsync<JsonElement>())["op"].Should().Be("không có lệnh 'snapshot' cho thiết bị loại cụm loa (các lệnh có: ping, reboot, tone)");
        using var english = f.As(Role.Technician);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var tooLong = await english.PostAsJsonAsync("/api/v1/devices/loa-xom-3-a/commands", new { op = "tone", args = new { seconds = 60 }, wait = false });
        Reasons(await tooLong.Content.ReadFromJsonAsync<JsonElement>())["args.seconds"].Should().Be("seconds must be 1–30");
    }

    // A 400's reasons per field, as the API answers them.
    private static Dictionary<string, string> Reasons(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("field").GetString()!, e => e.GetProperty("reason").GetString()!);

    [Fact]
    public async Task Gateway_sensor_readings_are_readable_by_any_signed_in_user()
    {
        using var viewer = f.As(Role.Viewer);

        var response = await viewer.GetAsync("/api/v1/gateway/alerts");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.GetAsync("/api/v1/gateway/sensors")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
