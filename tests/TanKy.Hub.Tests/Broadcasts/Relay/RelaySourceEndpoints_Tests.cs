using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts.Relay.Sources;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary><c>/api/v1/sources</c> on real Kestrel with the hub's bearer tokens.</summary>
public sealed class RelaySourceEndpoints_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private readonly Dictionary<string, string> _tokens = [];
    private WebApplication _app = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _dir.Zones.Add("khoi-1", "Khối 1");
        _tokens["van-hoa"] = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        _tokens["admin"] = _dir.Db.AddWithToken("admin", Role.Admin);
        _tokens["truong-khoi-1"] = _dir.Db.AddWithToken("truong-khoi-1", Role.HamletHead, "khoi-1");
        (_app, _base) = await FeatureApi.StartAsync(
            _dir.Path,
            _dir.Time,
            new Dictionary<string, string?>(),
            b => b.Services.AddRelaySources(b.Configuration),
            app => app.MapRelaySourceEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    private HttpClient Client(string? user, string language = "vi")
    {
        var client = new HttpClient { BaseAddress = _base };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        }

        return client;
    }

    private static object Vov1(params string[] urls) => new { id = "vov1", name = "VOV1 – Thời sự", urls };

    [Fact]
    public async Task Anonymous_is_401_a_hamlet_head_may_read_but_not_manage()
    {
        using var anonymous = Client(null);
        (await anonymous.GetAsync("/api/v1/sources")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/api/v1/sources", Vov1("http://a.vn/x.mp3"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var head = Client("truong-khoi-1");
        (await head.PostAsJsonAsync("/api/v1/sources", Vov1("http://a.vn/x.mp3"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.DeleteAsync("/api/v1/sources/vov1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.PostAsync("/api/v1/sources/vov1/check", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await head.GetAsync("/api/v1/sources")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_officer_adds_reads_and_removes_a_source()
    {
        using var officer = Client("van-hoa");

        var created = await officer.PostAsJsonAsync("/api/v1/sources", Vov1("http://user:pw@a.vn/x.mp3", "https://b.vn/live.m3u8"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/api/v1/sources/vov1");
        (await officer.PostAsJsonAsync("/api/v1/sources", Vov1("http://a.vn/y.mp3"))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var one = JsonDocument.Parse(await officer.GetStringAsync("/api/v1/sources/vov1")).RootElement;
        one.GetProperty("name").GetString().Should().Be("VOV1 – Thời sự");
        one.GetProperty("urls").EnumerateArray().Select(u => u.GetString()).Should().Equal("http://user:pw@a.vn/x.mp3", "https://b.vn/live.m3u8");

        // Someone who may not manage sources does not see the stream's password.
        using var head = Client("truong-khoi-1");
        var seen = JsonDocument.Parse(await head.GetStringAsync("/api/v1/sources")).RootElement[0];
        seen.GetProperty("urls")[0].GetString().Should().Be("http://***@a.vn/x.mp3");

        (await officer.DeleteAsync("/api/v1/sources/vov1")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await officer.GetAsync("/api/v1/sources/vov1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client("admin").DeleteAsync("/api/v1/sources/vov1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("concat:http://127.0.0.1/a.mp3|http://127.0.0.1/b.mp3", "concat")]
    [InlineData("pipe:0", "pipe")]
    [InlineData("data:audio/mpeg;base64,AAAA", "data")]
    [InlineData("ftp://127.0.0.1/a.mp3", "ftp")]
    public async Task Other_protocols_are_refused_with_a_localized_problem(string url, string scheme)
    {
        var vi = await Client("admin").PostAsJsonAsync("/api/v1/sources", Vov1(url));
        var en = await Client("admin", "en").PostAsJsonAsync("/api/v1/sources", Vov1("http://a.vn/ok.mp3", url));

        vi.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await vi.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().Should().Be("Nguồn tiếp sóng bị từ chối");
        problem.GetProperty("detail").GetString().Should().Contain($"giao thức \"{scheme}\" không được phép");
        en.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await en.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString().Should().Contain($"scheme \"{scheme}\" is not allowed");
        (await Client("admin").GetStringAsync("/api/v1/sources")).Should().Be("[]");
    }

    [Fact]
    public async Task Check_of_a_dead_source_answers_unreachable()
    {
        using var officer = Client("van-hoa");
        (await officer.PostAsJsonAsync("/api/v1/sources", Vov1(LoopbackFileServer.DeadUrl()))).EnsureSuccessStatusCode();

        var check = await officer.PostAsync("/api/v1/sources/vov1/check?seconds=2", null);

        check.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await check.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("reachable").GetBoolean().Should().BeFalse();
        body.GetProperty("urls")[0].GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        (await officer.PostAsync("/api/v1/sources/khong-co/check", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await officer.PostAsync("/api/v1/sources/vov1/check?seconds=999", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
