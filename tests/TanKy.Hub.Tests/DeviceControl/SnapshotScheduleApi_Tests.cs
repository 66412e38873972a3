using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Accounts;

namespace TanKy.Hub.Tests.DeviceControl;

/// <summary><c>/api/v1/devices/{id}/snapshot-schedule</c>: a camera's automatic snapshots, set by technicians and admins, refused in Vietnamese.</summary>
public sealed class SnapshotScheduleApi_Tests(ControlApiFixture f) : IClassFixture<ControlApiFixture>
{
    [Theory]
    [InlineData(4)]
    [InlineData(1441)]
    public async Task An_interval_outside_5_to_1440_minutes_is_refused_in_vietnamese(int minutes)
    {
        using var client = f.As(Role.Technician);

        var response = await client.PutAsJsonAsync("/api/v1/devices/cam-khoi-1/snapshot-schedule", new { everyMinutes = minutes });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().StartWith("Giá trị không hợp lệ");
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("field").GetString().Should().Be("everyMinutes");
        error.GetProperty("reason").GetString().Should().Be("chụp ảnh tự động: số phút phải từ 5 đến 1440 (để trống hoặc 0 để tắt)");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/devices/cam-khoi-1/snapshot-schedule")).GetProperty("everyMinutes").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_reason_follows_the_requests_language()
    {
        using var client = f.As(Role.Technician);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.PutAsJsonAsync("/api/v1/devices/cam-khoi-1/snapshot-schedule", new { everyMinutes = "often" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("reason").GetString().Should().Be("automatic snapshots: minutes must be 5–1440 (empty or 0: off)");
    }

    [Theory]
    [InlineData(Role.Technician)]
    [InlineData(Role.Admin)]
    public async Task Thirty_minutes_is_accepted_read_back_and_switched_off_again(Role role)
    {
        using var client = f.As(role);

        var response = await client.PutAsJsonAsync("/api/v1/devices/cam-xom-3/snapshot-schedule", new { everyMinutes = 30 });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var read = await client.GetFromJsonAsync<JsonElement>("/api/v1/devices/cam-xom-3/snapshot-schedule");
        read.GetProperty("everyMinutes").GetInt32().Should().Be(30);
        read.GetProperty("nextAt").ValueKind.Should().Be(JsonValueKind.String);

        (await client.PutAsJsonAsync("/api/v1/devices/cam-xom-3/snapshot-schedule", new { everyMinutes = 0 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/devices/cam-xom-3/snapshot-schedule")).GetProperty("everyMinutes").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData(Role.HamletHead)]
    [InlineData(Role.Officer)]
    [InlineData(Role.Viewer)]
    public async Task Only_technicians_and_admins_set_it(Role role)
    {
        using var client = f.As(role);

        (await client.PutAsJsonAsync("/api/v1/devices/cam-khoi-1/snapshot-schedule", new { everyMinutes = 30 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_device_that_is_no_camera_or_unknown_is_refused()
    {
        using var client = f.As(Role.Technician);

        var speaker = await client.PutAsJsonAsync("/api/v1/devices/loa-khoi-1-a/snapshot-schedule", new { everyMinutes = 30 });
        var unknown = await client.PutAsJsonAsync("/api/v1/devices/cam-nowhere/snapshot-schedule", new { everyMinutes = 30 });
        var noField = await client.PutAsJsonAsync("/api/v1/devices/cam-khoi-1/snapshot-schedule", new { minutes = 30 });

        speaker.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await speaker.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Single().GetProperty("reason").GetString()
            .Should().Be("thiết bị loại speaker không chụp ảnh; chỉ camera có chụp ảnh tự động");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        noField.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_hamlet_head_reads_only_their_own_hamlets_cameras()
    {
        using var head = f.As(Role.HamletHead);

        (await head.GetAsync("/api/v1/devices/cam-khoi-1/snapshot-schedule")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await head.GetAsync("/api/v1/devices/cam-xom-3/snapshot-schedule")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
