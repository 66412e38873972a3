using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts.Relay;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary>
/// On-demand relays through the real hub: <c>POST /api/v1/broadcasts</c> with a <c>relay</c> body,
/// <c>GET …/relay-status</c>, <c>tanky-hub broadcast relay</c>, and the <c>/metrics</c> counters, with a
/// fake source registry and a scripted feed factory registered in the test host.
/// </summary>
public sealed partial class RelayHttp_Tests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDataDir _dir = new();
    private readonly Dictionary<string, string> _tokens = [];
    private readonly List<ScriptedFeed> _feeds = [];
    private Func<long, PcmFeedStatus> _script = _ => PcmFeedStatus.Audio;
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        foreach (var (name, role, zones) in new[] { ("van-hoa", Role.Officer, Array.Empty<string>()), ("truong-khoi-1", Role.HamletHead, ["khoi-1"]), ("lanh-dao", Role.Viewer, []) })
        {
            _tokens[name] = _dir.Db.AddWithToken(name, role, zones);
        }

        var factory = new FakeFeedFactory(_ =>
        {
            var feed = new ScriptedFeed(k => _script(k));
            lock (_feeds)
            {
                _feeds.Add(feed);
            }

            return feed;
        });
        _hub = await TestHub.StartAsync(_dir.Path, customize: b =>
        {
            b.Services.AddSingleton<IMediaPackets>(new InMemoryMedia());
            b.Services.AddSingleton<IRelaySources>(new FakeRelaySources(FakeRelaySources.Vov1));
            b.Services.AddSingleton<IPcmFeedFactory>(factory);
        });
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_relay_body_starts_a_relay_whose_status_shows_it_receiving_and_stopping_it_closes_the_feed()
    {
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);

        var response = await client.PostAsJsonAsync("/api/v1/broadcasts", new { relay = new { source = "vov1", duration = "30m", fallback = "tin-1s" }, zones = new[] { "khoi-1", "xom-3" }, @class = "priority" });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var status = await WaitStatusAsync(client, id, s => s.GetProperty("counts").GetProperty("sourceFrames").GetInt64() >= 50);
        status.GetProperty("source").GetString().Should().Be("vov1");
        status.GetProperty("running").GetBoolean().Should().BeTrue();
        status.GetProperty("mode").GetString().Should().Be("source");
        status.GetProperty("feed").GetProperty("receiving").GetBoolean().Should().BeTrue();
        status.GetProperty("outputLevelDbfs").ValueKind.Should().Be(JsonValueKind.Number);
        var detail = await client.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id);
        detail.GetProperty("broadcast").GetProperty("title").GetString().Should().Be("Tiếp sóng: VOV1 – Thời sự");
        detail.GetProperty("broadcast").GetProperty("class").GetString().Should().Be("priority");
        detail.GetProperty("relay").GetProperty("counts").GetProperty("dropouts").GetInt32().Should().Be(0);

        (await client.DeleteAsync("/api/v1/broadcasts/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);

        await WaitStatusAsync(client, id, s => !s.GetProperty("running").GetBoolean());
        await WaitAsync(() => _feeds.Single().Disposed, "the feed to be closed");
    }

    [Theory]
    [InlineData("{\"zones\":[\"khoi-1\"],\"relay\":{\"source\":\"vov9\"}}", "không có nguồn tiếp sóng 'vov9'")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"relay\":{\"source\":\"vov1\"},\"class\":\"emergency\"}", "tiếp sóng chỉ phát ở mức thường hoặc ưu tiên")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"relay\":{\"source\":\"vov1\",\"duration\":\"30x\"}}", "thời lượng '30x' không hợp lệ")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"relay\":{\"source\":\"vov1\",\"fallback\":\"khong-co\"}}", "không có tệp âm thanh 'khong-co'")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"media\":\"tin-1s\",\"relay\":{\"source\":\"vov1\"}}", "không cả hai")]
    [InlineData("{\"zones\":[\"khoi-1\"],\"relay\":{}}", "thiếu nguồn tiếp sóng")]
    public async Task A_relay_that_cannot_be_aired_is_refused_with_the_reason(string body, string reason)
    {
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);

        var response = await client.PostAsync("/api/v1/broadcasts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain(reason);
        _feeds.Should().BeEmpty("nothing was opened for a refused relay");
    }

    [Fact]
    public async Task A_hamlet_head_relays_to_their_own_hamlet_only_and_a_viewer_not_at_all()
    {
        using var head = _hub.ClientWithToken(_tokens["truong-khoi-1"]);
        using var viewer = _hub.ClientWithToken(_tokens["lanh-dao"]);

        (await head.PostAsJsonAsync("/api/v1/broadcasts", new { relay = new { source = "vov1" }, zones = new[] { "xom-3" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync("/api/v1/broadcasts", new { relay = new { source = "vov1" }, zones = new[] { "khoi-1" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var own = await head.PostAsJsonAsync("/api/v1/broadcasts", new { relay = new { source = "vov1" }, zones = new[] { "khoi-1" } });
        own.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await viewer.GetAsync($"/api/v1/broadcasts/{id}/relay-status")).StatusCode.Should().Be(HttpStatusCode.OK, "reading is open to every role");
        (await head.DeleteAsync("/api/v1/broadcasts/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_relay_with_a_duration_ends_by_itself_and_a_clip_broadcast_has_no_relay_status()
    {
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);
        var relay = await client.PostAsJsonAsync("/api/v1/broadcasts", new { relay = new { source = "vov1", duration = "1s" }, zones = new[] { "khoi-1" } });
        var id = (await relay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var ended = await WaitStatusAsync(client, id, s => !s.GetProperty("running").GetBoolean());

        ended.GetProperty("counts").GetProperty("sourceFrames").GetInt64().Should().Be(50);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id)).GetProperty("broadcast").GetProperty("status").GetString().Should().Be("finished");
        var clip = await client.PostAsJsonAsync("/api/v1/broadcasts", new { media = "tin-1s", zones = new[] { "xom-3" } });
        var clipId = (await clip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await client.GetAsync($"/api/v1/broadcasts/{clipId}/relay-status")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dropouts_are_counted_in_the_relay_status_and_in_metrics()
    {
        // 1 s of audio, then the source is down for good.
        _script = k => k < 50 ? PcmFeedStatus.Audio : PcmFeedStatus.Gap;
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);
        var relay = await client.PostAsJsonAsync("/api/v1/broadcasts", new { relay = new { source = "vov1" }, zones = new[] { "khoi-1" } });
        var id = (await relay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var status = await WaitStatusAsync(client, id, s => s.GetProperty("counts").GetProperty("dropouts").GetInt32() == 1);

        status.GetProperty("mode").GetString().Should().Be("silence", "a dropout airs silence until the fallback time");
        var metrics = await _hub.Http.GetStringAsync("/metrics");
        metrics.Should().Contain("tanky_relay_dropouts_total 1").And.Contain("tanky_relay_fallback_switches_total 0").And.Contain("tanky_relay_seconds_total 1");
        (await client.DeleteAsync("/api/v1/broadcasts/" + id)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_cli_relays_through_the_running_hub_and_checks_class_and_duration_itself()
    {
        var relay = await CliAsync("broadcast", "relay", "--source", "vov1", "--zones", "khoi-1,xom-3", "--duration", "30m", "--class", "priority", "--token", _tokens["van-hoa"]);

        relay.Code.Should().Be(0, relay.Error);
        relay.Output.Should().StartWith("Hub đã nhận bản tin bc-").And.Contain("trạng thái playing");
        var id = BroadcastId().Match(relay.Output).Value;
        using var client = _hub.ClientWithToken(_tokens["van-hoa"]);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/broadcasts/" + id)).GetProperty("broadcast").GetProperty("source").GetString().Should().Be("cli");
        var report = await CliAsync("broadcast", "report", id, "--token", _tokens["van-hoa"]);
        report.Code.Should().Be(0, report.Error);
        report.Output.Should().Contain("Tiếp sóng: VOV1 – Thời sự").And.Contain("Tiếp sóng vov1: đã tiếp sóng").And.Contain("mất sóng 0 lần");
        (await CliAsync("broadcast", "stop", id, "--token", _tokens["van-hoa"])).Code.Should().Be(0);

        var emergency = await CliAsync("broadcast", "relay", "--source", "vov1", "--zones", "khoi-1", "--class", "emergency", "--token", _tokens["van-hoa"]);
        emergency.Code.Should().Be(1);
        emergency.Error.Should().Contain("tiếp sóng chỉ có mức normal hoặc priority");
        var duration = await CliAsync("broadcast", "relay", "--source", "vov1", "--zones", "khoi-1", "--duration", "nửa giờ", "--token", _tokens["van-hoa"]);
        duration.Code.Should().Be(1);
        duration.Error.Should().Contain("thời lượng 'nửa giờ' không hợp lệ");
        var unknown = await CliAsync("broadcast", "relay", "--source", "vov9", "--zones", "khoi-1", "--token", _tokens["van-hoa"]);
        unknown.Code.Should().Be(1);
        unknown.Error.Should().Contain("không có nguồn tiếp sóng 'vov9'");
    }

    private static async Task<JsonElement> WaitStatusAsync(HttpClient client, string id, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        await WaitAsync(async () =>
        {
            var response = await client.GetAsync($"/api/v1/broadcasts/{id}/relay-status");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            last = await response.Content.ReadFromJsonAsync<JsonElement>();
            return done(last);
        }, "relay status of " + id);
        return last;
    }

    private static Task WaitAsync(Func<bool> done, string what) => WaitAsync(() => Task.FromResult(done()), what);

    // The relay runs on the real clock (the hub's streams): poll its observable state, never sleep a fixed time.
    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(50);
        }
    }

    private Task<(int Code, string Output, string Error)> CliAsync(params string[] args) => BroadcastCli.RunAsync(_hub.Http.BaseAddress!, args);

    [GeneratedRegex("bc-[0-9a-f]{12}")]
    private static partial Regex BroadcastId();
}
