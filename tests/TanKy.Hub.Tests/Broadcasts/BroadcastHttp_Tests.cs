using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed class BroadcastHttp_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private readonly Dictionary<string, string> _tokens = [];
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        var users = new UserStore(_dir.Db, TimeProvider.System);
        var tokens = new TokenService(_dir.Db, users, TimeProvider.System);
        foreach (var (name, role, zones) in new[]
        {
            ("quan-tri", Role.Admin, Array.Empty<string>()), ("van-hoa", Role.Officer, []), ("truong-khoi-1", Role.HamletHead, ["khoi-1"]),
            ("ky-thuat", Role.Technician, []), ("lanh-dao", Role.Viewer, []),
        })
        {
            users.Add(name, role, zones);
            _tokens[name] = tokens.Create(name);
        }

        _hub = await TestHub.StartAsync(_dir.Path, customize: b => b.Services.AddSingleton<IMediaPackets>(new InMemoryMedia()));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Without_a_token_every_broadcast_endpoint_answers_401()
    {
        (await _hub.Http.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "khoi-1" }, media = "tin-1s" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.Http.GetAsync("/api/v1/broadcasts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.Http.DeleteAsync("/api/v1/broadcasts/bc-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("quan-tri", "khoi-1,xom-3", "normal", HttpStatusCode.Accepted)]
    [InlineData("van-hoa", "xom-3", "priority", HttpStatusCode.Accepted)]
    [InlineData("truong-khoi-1", "khoi-1", "emergency", HttpStatusCode.Accepted)]
    [InlineData("truong-khoi-1", "khoi-1,xom-3", "normal", HttpStatusCode.Forbidden)]
    [InlineData("ky-thuat", "khoi-1", "normal", HttpStatusCode.Forbidden)]
    [InlineData("lanh-dao", "khoi-1", "normal", HttpStatusCode.Forbidden)]
    public async Task Roles_and_zones_decide_who_may_broadcast(string user, string zones, string cls, HttpStatusCode expected)
    {
        using var client = _hub.ClientWithToken(_tokens[user]);

        var response = await client.PostAsJsonAsync("/api/v1/broadcasts", new { zones = zones.Split(','), media = "tin-1s", @class = cls });

        response.StatusCode.Should().Be(expected);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (expected == HttpStatusCode.Accepted)
        {
            var id = body.GetProperty("id").GetString()!;
            body.GetProperty("stream").GetString().Should().StartWith("b-");
            response.Headers.Location!.ToString().Should().Be("/api/v1/broadcasts/" + id);
            (await client.DeleteAsync("/api/v1/broadcasts/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        else if (user == "truong-khoi-1")
        {
            body.GetProperty("detail").GetString().Should().Contain("xom-3").And.NotContain("khoi-1");
        }
    }

    [Theory]
    [InlineData("{\"zones\":[\"xom-9\"],\"media\":\"tin-1s\"}", "Không có khu vực (khối/xóm): xom-9")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"khong-co\"}", "không có tệp âm thanh 'khong-co'")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"class\":\"urgent\"}", "Không có cấp bản tin «urgent»: chọn normal (thường), priority (ưu tiên) hoặc emergency (khẩn cấp)")]
    [InlineData("{\"zones\":[],\"media\":\"tin-1s\"}", "chưa chọn khu vực nào")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"volume\":150}", "âm lượng 150 nằm ngoài khoảng 0–100")]
    public async Task Invalid_requests_answer_400_with_the_reason(string json, string reason)
    {
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);

        var response = await client.PostAsync("/api/v1/broadcasts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("detail").GetString().Should().Be(reason);
        body.GetProperty("title").GetString().Should().StartWith("Yêu cầu phát không hợp lệ");
    }

    [Theory]
    [InlineData("{\"zones\":[\"xom-9\"],\"media\":\"tin-1s\"}", "Unknown zone(s): xom-9")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"khong-co\"}", "unknown media 'khong-co'")]
    [InlineData("{\"zones\":[],\"media\":\"tin-1s\"}", "no zone given")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"volume\":150}", "volume 150 is outside 0–100")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"class\":\"urgent\"}", "There is no class «urgent»: choose normal, priority or emergency")]
    public async Task Invalid_requests_answer_in_English_when_asked(string json, string reason)
    {
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.PostAsync("/api/v1/broadcasts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("detail").GetString().Should().Be(reason);
        body.GetProperty("title").GetString().Should().Be("The broadcast request is not valid");
    }

    [Fact]
    public async Task A_stopped_broadcast_says_who_stopped_it_in_the_reader_s_language()
    {
        using var officer = _hub.ClientWithToken(_tokens["van-hoa"]);
        using var english = _hub.ClientWithToken(_tokens["van-hoa"]);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var start = await officer.PostAsync("/api/v1/broadcasts", new StringContent("{\"zones\":[\"khoi-1\"],\"media\":\"tin-10s\"}", System.Text.Encoding.UTF8, "application/json"));
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await officer.DeleteAsync("/api/v1/broadcasts/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);

        var vi = await officer.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id);
        var en = await english.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id);
        var listed = await officer.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts");

        vi.GetProperty("broadcast").GetProperty("endReason").GetString().Should().Be("van-hoa đã dừng bản tin");
        en.GetProperty("broadcast").GetProperty("endReason").GetString().Should().Be("stopped by van-hoa");
        listed.EnumerateArray().Single(b => b.GetProperty("id").GetString() == id).GetProperty("endReason").GetString().Should().Be("van-hoa đã dừng bản tin");
    }

    [Fact]
    public async Task List_get_and_stop_follow_the_zone_rules()
    {
        using var officer = _hub.ClientWithToken(_tokens["van-hoa"]);
        using var head = _hub.ClientWithToken(_tokens["truong-khoi-1"]);
        using var viewer = _hub.ClientWithToken(_tokens["lanh-dao"]);
        var both = await (await officer.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "khoi-1", "xom-3" }, media = "tin-10s" })).Content.ReadFromJsonAsync<JsonElement>();
        var other = await (await officer.PostAsJsonAsync("/api/v1/broadcasts", new { zones = new[] { "xom-3" }, media = "tin-1s", @class = "priority" })).Content.ReadFromJsonAsync<JsonElement>();
        var bothId = both.GetProperty("id").GetString();
        var otherId = other.GetProperty("id").GetString();

        var mine = await head.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts");
        mine.EnumerateArray().Select(b => b.GetProperty("id").GetString()).Should().Equal(bothId);
        (await head.GetAsync("/api/v1/broadcasts/" + otherId)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var detail = await head.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + bothId);
        detail.GetProperty("broadcast").GetProperty("status").GetString().Should().Be("playing");
        detail.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("decision").GetString()).Should().Contain(["aired", "preempted"]);
        // The arbiter's reasons are text keys: Vietnamese by default, English when asked.
        PreemptedReason(detail).Should().Be("bị một bản tin ưu tiên chen ngang");
        using var english = _hub.ClientWithToken(_tokens["truong-khoi-1"]);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        PreemptedReason(await english.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + bothId)).Should().Be("preempted by a priority broadcast");
        detail.GetProperty("delivery").GetProperty("targeted").GetInt32().Should().Be(2);
        (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts?limit=1")).GetArrayLength().Should().Be(1);
        (await viewer.GetAsync("/api/v1/broadcasts?limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await head.GetAsync("/api/v1/broadcasts/bc-000000000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var refused = await head.DeleteAsync("/api/v1/broadcasts/" + bothId);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().EndWith("xom-3");
        (await viewer.DeleteAsync("/api/v1/broadcasts/" + bothId)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await officer.DeleteAsync("/api/v1/broadcasts/" + bothId)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await officer.DeleteAsync("/api/v1/broadcasts/" + bothId)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        _hub.Get<IBroadcastService>().Get(bothId!)!.Status.Should().Be(BroadcastStatus.Cancelled);
    }

    private static string? PreemptedReason(JsonElement detail) =>
        detail.GetProperty("decisions").EnumerateArray().First(d => d.GetProperty("decision").GetString() == "preempted").GetProperty("reason").GetString();
}
