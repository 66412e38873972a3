using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Emergency;
using TanKy.Hub.Emergency.Cap;
using TanKy.Hub.Devices;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Emergency;

/// <summary><c>/api/v1/cap</c> on real Kestrel with the hub's bearer tokens, over the sample commune.</summary>
public sealed class CapEndpoints_Tests : IAsyncLifetime
{
    private readonly CommuneFixture _commune = new();
    private readonly RecordingEmergencyTrigger _trigger = new();
    private readonly Dictionary<string, string> _tokens = [];
    private WebApplication _app = null!;
    private Uri _base = null!;
    private string _senderToken = null!;

    public async Task InitializeAsync()
    {
        _tokens["van-hoa"] = _commune.Db.AddWithToken("van-hoa", Role.Officer);
        _tokens["truong-khoi-1"] = _commune.Db.AddWithToken("truong-khoi-1", Role.HamletHead, "khoi-1");
        _senderToken = new CapSenderStore(_commune.Db, _commune.Dir.Time).Add(CapSamples.Sender, withToken: true, key: null, note: null)!;

        (_app, _base) = await FeatureApi.StartAsync(
            _commune.Dir.Path,
            _commune.Dir.Time,
            new Dictionary<string, string?>
            {
                ["Alerts:Cap:MaxBytes"] = "20000",
                ["Alerts:Cap:Geocodes:0:ValueName"] = "ISO3166-2",
                ["Alerts:Cap:Geocodes:0:Value"] = "VN-22",
                ["Alerts:Cap:Geocodes:0:Zones:0"] = "*",
            },
            b =>
            {
                b.Services.AddDevices();
                b.Services.AddSingleton<IEmergencyTrigger>(_trigger);
                b.Services.AddEmergencyAlerts().AddCapIntake(b.Configuration);
            },
            app => app.MapCapEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _commune.Dispose();
    }

    private HttpClient Client(string? user)
    {
        var client = new HttpClient { BaseAddress = _base };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        }

        client.DefaultRequestHeaders.Add(CapEndpoints.SenderTokenHeader, _senderToken);

        return client;
    }

    private static StringContent Cap(string xml, string mediaType = "application/cap+xml") => new(xml, System.Text.Encoding.UTF8, mediaType);

    [Fact]
    public async Task An_officer_posts_a_typhoon_warning_and_gets_the_decision()
    {
        using var http = Client("van-hoa");

        var response = await http.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("action").GetString().Should().Be("broadcast");
        body.GetProperty("class").GetString().Should().Be("emergency");
        body.GetProperty("zones").GetArrayLength().Should().Be(12);
        body.GetProperty("ledText").GetString().Should().Be("Bão số 3 đổ bộ vào Nghệ An, đề nghị bà con sơ tán khẩn cấp");
        body.GetProperty("broadcastId").GetString().Should().Be("b-1");

        var list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/cap")).RootElement;
        list.GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", "malformed XML")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">&x;</alert>""", "DTDs")]
    public async Task Malformed_CAP_is_a_400_with_the_reasons(string xml, string reason)
    {
        using var http = Client("van-hoa");

        var response = await http.PostAsync("/api/v1/cap", Cap(xml, "application/xml"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("errors")[0].GetString().Should().Contain(reason);
        _trigger.Triggered.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_element_is_listed_in_the_400()
    {
        using var http = Client("van-hoa");

        var response = await http.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon().Replace("<scope>Public</scope>", "")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("alert/scope");
    }

    [Fact]
    public async Task Oversized_bodies_and_other_content_types_are_refused()
    {
        using var http = Client("van-hoa");

        (await http.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon() + new string(' ', 20_000)))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon(), "application/json"))).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Without_a_token_401_and_a_hamlet_head_403_audited()
    {
        using var anonymous = Client(null);
        using var head = Client("truong-khoi-1");

        (await anonymous.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon()))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await head.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon()))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        _trigger.Triggered.Should().BeEmpty();
        _app.Services.GetRequiredService<TriggerAudit>().Query(new TriggerAuditQuery(Allowed: false))
            .Should().ContainSingle().Which.Should().Match<TriggerAuditEntry>(e => e.Actor == "truong-khoi-1" && e.Channel == TriggerChannel.Cap && e.Remote == "127.0.0.1");
    }

    [Fact]
    public async Task An_alert_without_its_senders_token_is_a_403_audited_and_plays_nothing()
    {
        using var http = Client("van-hoa");
        http.DefaultRequestHeaders.Remove(CapEndpoints.SenderTokenHeader);
        http.DefaultRequestHeaders.Add(CapEndpoints.SenderTokenHeader, "not-the-token");

        var response = await http.PostAsync("/api/v1/cap", Cap(CapSamples.Typhoon()));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadAsStringAsync();
        problem.Should().Contain("X-Cap-Token is not a token of sender");
        _trigger.Triggered.Should().BeEmpty();
        var row = _app.Services.GetRequiredService<TriggerAudit>().Query(new TriggerAuditQuery(Allowed: false))
            .Should().ContainSingle().Which;
        row.Should().Match<TriggerAuditEntry>(e => e.Actor == "van-hoa" && e.Channel == TriggerChannel.Cap && e.Reason!.Contains(CapSamples.Sender));
        System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("audit").GetInt64().Should().Be(row.Id, "a 403 names the row it wrote");
    }
}
