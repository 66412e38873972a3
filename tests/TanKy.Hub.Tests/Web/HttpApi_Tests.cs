using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TanKy.Hub.Accounts;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Web;

public sealed class HttpApi_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private TestHub _hub = null!;
    private string _headToken = "";
    private string _officerToken = "";

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        _headToken = _dir.Db.AddWithToken("truong-khoi-1", Role.HamletHead, "khoi-1");
        _officerToken = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        _hub = await TestHub.StartAsync(_dir.Path);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("tk_00000000_not-a-real-token")]
    [InlineData("Basic abc")]
    public async Task Devices_without_a_valid_token_answer_401(string? token)
    {
        using var client = new HttpClient { BaseAddress = _hub.Http.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token.StartsWith("Basic", StringComparison.Ordinal) ? token : "Bearer " + token);
        }

        var response = await client.GetAsync("/api/v1/devices");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_hamlet_head_sees_only_their_hamlet_and_gets_403_for_another()
    {
        using var client = _hub.ClientWithToken(_headToken);

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/devices");
        mine.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().Equal("loa-khoi-1-a");

        (await client.GetAsync("/api/v1/devices?zone=xom-3")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/devices/loa-xom-3-a")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/devices/loa-khoi-1-a")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_officer_sees_every_hamlet_and_no_secret()
    {
        using var client = _hub.ClientWithToken(_officerToken);

        var body = await client.GetStringAsync("/api/v1/devices");

        var ids = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString());
        ids.Should().Equal("loa-khoi-1-a", "loa-xom-3-a");
        body.Should().NotContain("secret").And.NotContain("$7$");
    }

    [Fact]
    public async Task Health_and_openapi_are_public()
    {
        var health = await _hub.Http.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("devices").GetProperty("total").GetInt32().Should().Be(2);

        var openapi = await _hub.Http.GetStringAsync("/openapi/v1.json");
        openapi.Should().Contain("/api/v1/devices").And.Contain("/health");
    }

    [Fact]
    public async Task An_unknown_kind_filter_is_a_400_with_a_reason()
    {
        using var client = _hub.ClientWithToken(_officerToken);

        var response = await client.GetAsync("/api/v1/devices?kind=toaster");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("toaster");
    }
}
