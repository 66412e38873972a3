using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TanKy.Hub.Accounts;

namespace TanKy.Hub.Tests.DeviceControl;

public sealed class SnapshotUpload_Tests(ControlApiFixture f) : IClassFixture<ControlApiFixture>
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Jpeg(int size)
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        data[0] = 0xFF;
        data[1] = 0xD8;
        data[2] = 0xFF;
        return data;
    }

    private async Task<string> AskForSnapshotAsync(string camera)
    {
        using var tech = f.As(Role.Technician);
        var response = await tech.PostAsJsonAsync($"/api/v1/devices/{camera}/commands", new { op = "snapshot", timeout = 120, wait = false });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var command = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = command.GetProperty("args").GetProperty("url").GetString();
        var id = command.GetProperty("id").GetString()!;
        url.Should().Be($"{f.Hub.Http.BaseAddress!.ToString().TrimEnd('/')}/api/v1/devices/{camera}/snapshots/{id}", "the camera is told where to upload");
        return id;
    }

    private async Task<HttpResponseMessage> UploadAsync(string camera, string commandId, byte[] body, string contentType, string user, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/devices/{camera}/snapshots/{commandId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        return await f.Hub.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_camera_asked_uploads_with_its_own_credentials_and_users_of_its_hamlet_fetch_it()
    {
        var id = await AskForSnapshotAsync("cam-khoi-1");
        var image = Jpeg(40_000);

        var response = await UploadAsync("cam-khoi-1", id, image, "image/jpeg", "cam-khoi-1", f.Secrets["cam-khoi-1"]);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        File.Exists(Path.Combine(f.Dir.Path, "snapshots", "cam-khoi-1", id + ".jpg")).Should().BeTrue();
        using var head = f.As(Role.HamletHead);
        var fetched = await head.GetAsync($"/api/v1/devices/cam-khoi-1/snapshots/{id}");
        fetched.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await fetched.Content.ReadAsByteArrayAsync()).Should().Equal(image);
        (await head.GetFromJsonAsync<JsonElement>("/api/v1/devices/cam-khoi-1/snapshots")).EnumerateArray().Should().Contain(s => s.GetProperty("commandId").GetString() == id);
        (await UploadAsync("cam-khoi-1", id, image, "image/jpeg", "cam-khoi-1", f.Secrets["cam-khoi-1"])).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_image_that_is_too_large_is_refused()
    {
        var id = await AskForSnapshotAsync("cam-khoi-1");

        var response = await UploadAsync("cam-khoi-1", id, Jpeg(65_537), "image/jpeg", "cam-khoi-1", f.Secrets["cam-khoi-1"]);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        File.Exists(Path.Combine(f.Dir.Path, "snapshots", "cam-khoi-1", id + ".jpg")).Should().BeFalse();
    }

    [Theory]
    [InlineData("text/plain", false)]
    [InlineData("image/gif", false)]
    [InlineData("image/jpeg", true)]
    public async Task The_wrong_type_is_refused_whatever_the_header_claims(string contentType, bool pngBytes)
    {
        var id = await AskForSnapshotAsync("cam-khoi-1");
        var body = pngBytes ? [.. PngMagic, .. new byte[100]] : Jpeg(1000);

        var response = await UploadAsync("cam-khoi-1", id, body, contentType, "cam-khoi-1", f.Secrets["cam-khoi-1"]);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_png_declared_as_png_is_accepted()
    {
        var id = await AskForSnapshotAsync("cam-khoi-1");

        var response = await UploadAsync("cam-khoi-1", id, [.. PngMagic, .. new byte[500]], "image/png", "cam-khoi-1", f.Secrets["cam-khoi-1"]);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Another_device_cannot_upload_for_the_camera_that_was_asked()
    {
        var id = await AskForSnapshotAsync("cam-khoi-1");

        // Its own valid credentials, the other camera's URL.
        var asOther = await UploadAsync("cam-khoi-1", id, Jpeg(1000), "image/jpeg", "cam-xom-3", f.Secrets["cam-xom-3"]);
        // Its own URL, but the command was sent to the other camera.
        var ownPath = await UploadAsync("cam-xom-3", id, Jpeg(1000), "image/jpeg", "cam-xom-3", f.Secrets["cam-xom-3"]);

        asOther.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        ownPath.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ownPath.Content.ReadAsStringAsync()).Should().Contain("is not a pending snapshot request to 'cam-xom-3'");
    }

    [Fact]
    public async Task Wrong_credentials_an_unrequested_upload_and_a_user_token_are_refused()
    {
        var id = await AskForSnapshotAsync("cam-khoi-1");

        (await UploadAsync("cam-khoi-1", id, Jpeg(1000), "image/jpeg", "cam-khoi-1", "not-the-secret")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await UploadAsync("cam-khoi-1", "c-0000000000000000", Jpeg(1000), "image/jpeg", "cam-khoi-1", f.Secrets["cam-khoi-1"])).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var tech = f.As(Role.Technician);
        (await tech.PutAsync($"/api/v1/devices/cam-khoi-1/snapshots/{id}", new ByteArrayContent(Jpeg(1000)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
