using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TanKy.Hub.Accounts;
using TanKy.Hub.Devices;
using TanKy.Hub.Schedules.Precache;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>The running hub: pre-cache orders, the device download endpoint, and the agenda API's zone scope.</summary>
public sealed class ScheduleHttp_Tests : IAsyncLifetime
{
    private readonly ScheduleTestBed _bed = new();
    private TestHub _hub = null!;
    private string _headToken = "";

    public async Task InitializeAsync()
    {
        // A programme ten minutes from now (real time: the hub runs on the system clock).
        var at = CommuneTime.ToLocal(DateTimeOffset.UtcNow.AddMinutes(10)).ToString("HH:mm", CultureInfo.InvariantCulture);
        _bed.Write("sap-toi.yaml", $$"""
            programmes:
              - id: sap-toi
                title: Bản tin sắp tới
                zones: [khoi-1, khoi-3]
                content: { chime_before: m-nhachieudn, playlist: [m-thongbaok3] }
                recurrence: { times: ["{{at}}"], days: daily }
            """);
        var users = new UserStore(_bed.Dir.Db, TimeProvider.System);
        users.Add("truong-khoi-1", Role.HamletHead, ["khoi-1"]);
        _headToken = new TokenService(_bed.Dir.Db, users, TimeProvider.System).Create("truong-khoi-1");
        _hub = await TestHub.StartAsync(_bed.Path, settings: new Dictionary<string, string> { ["Schedules:Directory"] = _bed.Folder });
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _bed.Dispose();
    }

    [Fact]
    public async Task A_node_downloads_only_what_it_was_told_to_cache_with_its_own_credentials()
    {
        var cache = await CacheOrderAsync("loa-khoi-1");
        cache.Select(i => i.GetProperty("media").GetString()).Should().Equal("m-nhachieudn", "m-thongbaok3");
        var item = cache[1];
        var url = new Uri(item.GetProperty("url").GetString()!).PathAndQuery;

        using var anonymous = new HttpClient { BaseAddress = _hub.Http.BaseAddress };
        (await anonymous.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Client("loa-khoi-1", "wrong-secret").GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Client("loa-khoi-2", _bed.SecretOf("loa-khoi-2")).GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Client("loa-khoi-1", _bed.SecretOf("loa-khoi-1")).GetAsync("/api/v1/devices/loa-khoi-1/media/m-bantinsang/stream")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var ok = await Client("loa-khoi-1", _bed.SecretOf("loa-khoi-1")).GetAsync(url);
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await ok.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        sha.Should().Be(item.GetProperty("sha256").GetString());
        ok.Headers.GetValues(PrecacheEndpoints.ShaHeader).Should().Equal(sha);
        item.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        (cache[1].GetProperty("at").GetInt64() - cache[0].GetProperty("at").GetInt64()).Should().Be(10_000_000, "the clip follows a 10 s chime");
    }

    [Fact]
    public async Task The_agenda_is_scoped_to_a_hamlet_heads_zones()
    {
        using var client = _hub.ClientWithToken(_headToken);

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/agenda?days=2");
        mine.EnumerateArray().Should().NotBeEmpty();
        mine.EnumerateArray().Select(e => e.GetProperty("zone").GetString()).Should().OnlyContain(z => z == "khoi-1");
        (await client.GetAsync("/api/v1/agenda?zone=khoi-3")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/agenda?days=90")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var anonymous = new HttpClient { BaseAddress = _hub.Http.BaseAddress };
        (await anonymous.GetAsync("/api/v1/agenda")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Agenda_and_pre_cache_problems_are_in_the_readers_language()
    {
        using var head = _hub.ClientWithToken(_headToken);
        var days = await ProblemAsync(head, "/api/v1/agenda?days=90", null);
        days.Title.Should().Be("Số ngày không hợp lệ");
        days.Detail.Should().Be("Số ngày phải từ 1 đến 31");
        (await ProblemAsync(head, "/api/v1/agenda?days=90", "en")).Title.Should().Be("Invalid number of days");

        var url = "/api/v1/devices/loa-khoi-1/media/m-thongbaok3/stream";
        using var anonymous = new HttpClient { BaseAddress = _hub.Http.BaseAddress };
        (await ProblemAsync(anonymous, url, null)).Title.Should().Be("Cần đăng nhập thiết bị");
        (await ProblemAsync(anonymous, url, "en")).Title.Should().Be("Device credentials required");
        var refused = await ProblemAsync(Client("loa-khoi-2", _bed.SecretOf("loa-khoi-2")), "/api/v1/devices/loa-khoi-2/media/m-bantinsang/stream", null);
        refused.Detail.Should().Be("Thiết bị này không được giao lưu sẵn bản tin này");
    }

    private static async Task<(string? Title, string? Detail)> ProblemAsync(HttpClient client, string url, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(400);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.TryGetProperty("title", out var t) ? t.GetString() : null, body.TryGetProperty("detail", out var d) ? d.GetString() : null);
    }

    private async Task<List<JsonElement>> CacheOrderAsync(string deviceId)
    {
        var desired = _hub.Get<DesiredStateService>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (desired.GetDesired(deviceId)?.State["cache"] is { } cache && cache.AsArray().Count > 0)
            {
                return JsonDocument.Parse(cache.ToJsonString()).RootElement.EnumerateArray().ToList();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no pre-cache order for {deviceId}");
    }

    private HttpClient Client(string id, string secret)
    {
        var client = new HttpClient { BaseAddress = _hub.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return client;
    }
}
