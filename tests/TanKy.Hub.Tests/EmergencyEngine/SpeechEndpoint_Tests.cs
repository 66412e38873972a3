using System.Net;
using System.Net.Http.Json;
using TanKy.Hub.Media;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary><c>POST /api/v1/media/speech</c>: typed text becomes a library clip that any broadcast class can play.</summary>
public sealed class SpeechEndpoint_Tests : IAsyncLifetime
{
    private EmergencyHub _hub = null!;

    public async Task InitializeAsync() => _hub = await EmergencyHub.StartAsync(realMedia: true);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Text_becomes_a_clip_owned_by_the_caller_and_plays_as_a_normal_broadcast()
    {
        using var head = _hub.Client("truong-khoi-1");

        var response = await head.PostAsJsonAsync("/api/v1/media/speech", new { text = "Mời bà con Khối 1 họp lúc 19 giờ tối nay.", title = "Họp dân" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await EmergencyHub.JsonAsync(response)).GetProperty("id").GetString()!;
        var item = _hub.Hub.Get<MediaLibrary>().Get(id)!;
        item.Title.Should().MatchRegex(@"^Họp dân – \d\d/\d\d/20\d\d$", "speech is titled by its first words and the date");
        item.Kind.Should().Be(MediaKind.Speech);
        (await head.GetStringAsync("/api/v1/media")).Should().NotContain(id, "text-to-speech clips are kept out of the library's list");
        (await head.GetStringAsync("/api/v1/media?kind=speech")).Should().Contain(id).And.Contain("\"kind\":\"speech\"");
        (await head.GetAsync("/api/v1/media?kind=nhac")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        item.UploadedBy.Should().Be("truong-khoi-1");
        item.DurationMs.Should().BeGreaterThan(1000);

        var play = await head.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "khoi-1" }, media = id, @class = "normal", source = "console" });
        play.StatusCode.Should().Be(HttpStatusCode.Accepted, await play.Content.ReadAsStringAsync());
        await _hub.Broadcasts.StopAsync((await EmergencyHub.JsonAsync(play)).GetProperty("id").GetString()!, "test");
    }

    [Fact]
    public async Task Empty_or_unspeakable_text_is_400_and_roles_without_broadcast_rights_are_403()
    {
        using var officer = _hub.Client("van-hoa");
        (await officer.PostAsJsonAsync("/api/v1/media/speech", new { text = "  " })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var punctuation = await officer.PostAsJsonAsync("/api/v1/media/speech", new { text = "!!! ???" });
        punctuation.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await punctuation.Content.ReadAsStringAsync()).Should().Contain("problems");
        (await officer.PostAsync("/api/v1/media/speech", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var technician = _hub.Client("ky-thuat");
        (await technician.PostAsJsonAsync("/api/v1/media/speech", new { text = "Xin chào" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        _hub.Hub.Get<MediaLibrary>().List().Should().BeEmpty();
    }

    [Fact]
    public async Task An_engine_failure_is_told_in_the_requests_language()
    {
        await using var broken = await EmergencyHub.StartAsync(new Dictionary<string, string> { ["Speech:Executable"] = "/nonexistent/espeak-ng" }, realMedia: true);
        using var officer = broken.Client("van-hoa");
        using var english = broken.Client("van-hoa");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var vi = await EmergencyHub.JsonAsync(await officer.PostAsJsonAsync("/api/v1/media/speech", new { text = "Xin chào bà con" }));
        var en = await EmergencyHub.JsonAsync(await english.PostAsJsonAsync("/api/v1/media/speech", new { text = "Xin chào bà con" }));

        vi.GetProperty("detail").GetString().Should().StartWith("không chạy được '/nonexistent/espeak-ng' (cần cài gói Debian espeak-ng): ");
        en.GetProperty("detail").GetString().Should().StartWith("cannot start '/nonexistent/espeak-ng' (install the Debian package espeak-ng): ");
    }
}
