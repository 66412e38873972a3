using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using TanKy.Hub.Accounts;
using TanKy.Hub.Availability;
using TanKy.Hub.Availability.OfflineAlerts;
using TanKy.Hub.Devices;
using TestMqttClient = TanKy.Hub.Tests.Broker.TestMqttClient;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Tests.Reports;

/// <summary>
/// The real hub: report and alert endpoints, /metrics, and the retained alert topic. The hub runs on
/// the data directory's fake clock, on the day the speakers were installed (2026-11-28), so the
/// November 2026 report and "today" are the same on every day the suite runs.
/// </summary>
public sealed class ReportsHttp_Tests : IAsyncLifetime
{
    private const string ToolsPassword = "tools-password-for-tests";
    private readonly TempDataDir _dir = new();
    private TestHub _hub = null!;
    private string _headToken = "";
    private string _officerToken = "";

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        _headToken = _dir.Db.AddWithToken("truong-khoi-1", Role.HamletHead, "khoi-1");
        _officerToken = _dir.Db.AddWithToken("van-hoa", Role.Officer);

        // Noon of the day the speakers were installed (at 06:00): six hours of service to report on.
        _dir.Time.Advance(TimeSpan.FromHours(6));
        _hub = await TestHub.StartAsync(_dir.Path, settings: new Dictionary<string, string>
        {
            ["Broker:Tools:Enabled"] = "true",
            ["Broker:Tools:PasswordHash"] = SecretHasher.Hash(ToolsPassword, 1000),
            ["Alerts:Thresholds:speaker"] = "00:00:00",
            ["Alerts:CheckInterval"] = "01:00:00",
        }, clock: _dir.Time);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_report_without_a_token_is_401()
    {
        (await _hub.Http.GetAsync("/api/v1/reports?period=2026-11&format=json")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.Http.GetAsync("/api/v1/alerts")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_hamlet_head_gets_their_hamlet_only_and_403_for_another()
    {
        using var client = _hub.ClientWithToken(_headToken);

        var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/reports?from=2026-11-01&to=2026-11-30&format=json")).RootElement;
        json.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().Equal("loa-khoi-1-a");
        json.GetProperty("scope").EnumerateArray().Select(z => z.GetString()).Should().Equal("khoi-1");

        (await client.GetAsync("/api/v1/reports?period=2026-11&zone=xom-3")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/v1/reports?period=2026-11&zone=khoi-1")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_officer_gets_every_format_and_bad_parameters_are_400()
    {
        using var client = _hub.ClientWithToken(_officerToken);
        var today = _dir.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var html = await client.GetAsync($"/api/v1/reports?from={today}&to={today}");
        html.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await html.Content.ReadAsStringAsync()).Should().Contain("chart-hourly", "a one-day report charts its hours");
        var csv = await client.GetByteArrayAsync($"/api/v1/reports?from={today}&to={today}&format=csv");
        csv.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel needs the BOM to read UTF-8");
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1 + 1 + 1 + 2 + 2);
        lines[0].Should().StartWith("Xã,Từ ngày,Đến ngày,Cấp,Tên,");
        lines.Should().Contain(l => l.Contains(",Thiết bị,Cụm loa Khối 1,Cụm loa,Khối 1,", StringComparison.Ordinal));
        var machine = (await client.GetStringAsync($"/api/v1/reports?from={today}&to={today}&format=csv&headers=en")).TrimStart('\uFEFF');
        machine.Split("\r\n")[0].Split(',').Should().Equal(ReportFormats_Tests.DocumentedCsvColumns());
        machine.Should().Contain(",device,loa-khoi-1-a,Cụm loa Khối 1,speaker,khoi-1,");

        var bad = await client.GetAsync("/api/v1/reports?from=2026-11-31&to=2026-12-01");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().Should().Be("Chưa lập được báo cáo");
        problem.GetProperty("detail").GetString().Should().Be("Ngày bắt đầu “2026-11-31” không phải là ngày hợp lệ (viết theo dạng 2026-11-28).");
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports?from=2026-11-31&to=2026-12-01");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var badEn = JsonDocument.Parse(await (await client.SendAsync(english)).Content.ReadAsStringAsync()).RootElement;
        badEn.GetProperty("title").GetString().Should().Be("The report could not be made");
        badEn.GetProperty("detail").GetString().Should().Be("The first day “2026-11-31” is not a date (write it as 2026-11-28).");
        (await client.GetAsync("/api/v1/reports?period=2026-11&format=pdf")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/reports?period=2026-11&format=csv&headers=fr")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_offline_device_opens_an_alert_published_retained_and_listed()
    {
        var live = _hub.Get<LiveStatusTable>();
        _hub.Get<StatusTransitions>().Apply(live.Find("loa-xom-3-a")!, DeviceStatus.Offline, "will", _dir.Time.GetUtcNow());
        await _hub.Get<TanKy.Hub.Broker.HubMqttConnection>().WaitConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        (await _hub.Get<AlertMonitor>().CheckAsync()).Should().ContainSingle(c => c.Opened);

        // A dashboard connecting afterwards gets the retained list.
        await using var tools = await TestMqttClient.ConnectAsync(_hub.MqttPort, "tools-dashboard", "tools", ToolsPassword);
        await tools.SubscribeAsync("tanky/v1/tan-ky/hub/alerts");
        var message = await tools.NextAsync();
        message.Retain.Should().BeTrue();
        var payload = JsonDocument.Parse(Encoding.UTF8.GetString(message.Payload.ToArray())).RootElement;
        payload.GetProperty("v").GetInt32().Should().Be(1);
        payload.GetProperty("count").GetInt32().Should().Be(1);
        payload.GetProperty("alerts")[0].GetProperty("device").GetString().Should().Be("loa-xom-3-a");

        using var officer = _hub.ClientWithToken(_officerToken);
        var open = JsonDocument.Parse(await officer.GetStringAsync("/api/v1/alerts?state=open")).RootElement;
        open.EnumerateArray().Select(a => a.GetProperty("device").GetString()).Should().Equal("loa-xom-3-a");
        using var head = _hub.ClientWithToken(_headToken);
        JsonDocument.Parse(await head.GetStringAsync("/api/v1/alerts")).RootElement.GetArrayLength().Should().Be(0, "xom-3 is not the head's hamlet");
    }

    [Fact]
    public async Task Metrics_are_anonymous_from_loopback_and_list_the_fleet()
    {
        var text = await _hub.Http.GetStringAsync("/metrics");

        text.Should().Contain("tanky_devices{state=\"unknown\",kind=\"speaker\"} 2")
            .And.Contain("tanky_broker_clients").And.Contain("tanky_broker_messages_received_total")
            .And.Contain("tanky_alerts_open").And.Contain("tanky_acl_refusals_total")
            .And.Contain("tanky_protocol_rejected_total").And.Contain("tanky_auth_failures_total").And.Contain("tanky_broadcasts_total");
    }
}
