using System.CommandLine;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TanKy.Hub.Accounts;
using TanKy.Hub.Broadcasts.Cli;
using TanKy.Hub.Broadcasts.Sources;
using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.Broadcasts;

public sealed partial class BroadcastCli_Tests : IAsyncLifetime
{
    private readonly TempDataDir _dir = new();
    private string _officer = "";
    private string _head = "";
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _dir.SeedTwoHamlets();
        _officer = _dir.Db.AddWithToken("van-hoa", Role.Officer);
        _head = _dir.Db.AddWithToken("truong-khoi-1", Role.HamletHead, "khoi-1");
        _hub = await TestHub.StartAsync(_dir.Path, customize: b => b.Services.AddSingleton<IMediaPackets>(new InMemoryMedia()));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Play_report_list_and_stop_go_through_the_running_hub()
    {
        var play = await RunAsync("broadcast", "play", "--zones", "khoi-1,xom-3", "--media", "tin-10s", "--class", "priority", "--volume", "60", "--token", _officer);

        play.Code.Should().Be(0, play.Error);
        play.Output.Should().StartWith("Hub đã nhận bản tin bc-").And.Contain("trạng thái playing");
        var id = BroadcastId().Match(play.Output).Value;

        var report = await RunAsync("broadcast", "report", id, "--token", _officer);
        report.Code.Should().Be(0, report.Error);
        report.Output.Should().Contain("Phát trên 0/2 loa").And.Contain("loa-khoi-1-a").And.Contain("loa-xom-3-a");

        var list = await RunAsync("broadcast", "list", "--token", _officer);
        list.Output.Should().Contain(id).And.Contain("priority").And.Contain("khoi-1,xom-3");

        var stop = await RunAsync("broadcast", "stop", id, "--token", _officer);
        stop.Code.Should().Be(0, stop.Error);
        stop.Output.Should().Be($"Đã dừng {id}\n");
    }

    [Fact]
    public async Task List_and_its_json_show_vietnam_time_and_a_spoken_length()
    {
        var play = await RunAsync("broadcast", "play", "--zones", "khoi-1", "--media", "tin-10s", "--token", _officer);
        var id = BroadcastId().Match(play.Output).Value;
        (await RunAsync("broadcast", "stop", id, "--token", _officer)).Code.Should().Be(0);

        var list = await RunAsync("broadcast", "list", "--token", _officer);
        list.Code.Should().Be(0, list.Error);
        list.Output.Should().Contain("YÊU CẦU (GIỜ VN)");
        var line = list.Output.Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal));
        line.Should().MatchRegex(@"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d \+07:00").And.MatchRegex(@"\d+ giây");

        var json = await RunAsync("broadcast", "list", "--json", "--token", _officer);
        json.Output.Should().MatchRegex("\"requestedAt\": \"[0-9T:.-]+\\+07:00\"").And.NotContain("Z\"");
        var report = await RunAsync("broadcast", "report", id, "--token", _officer);
        report.Output.Should().Contain("Cụm loa Khối 1 (loa-khoi-1-a)");
    }

    [Fact]
    public async Task Server_refusals_exit_non_zero_with_the_servers_reason()
    {
        var outside = await RunAsync("broadcast", "play", "--zones", "xom-3", "--media", "tin-1s", "--token", _head);
        outside.Code.Should().Be(1);
        outside.Error.Should().EndWith("Không có quyền: Khu vực ngoài phạm vi của bạn: xom-3\n");

        var media = await RunAsync("broadcast", "play", "--zones", "khoi-1", "--media", "khong-co", "--token", _head);
        media.Code.Should().Be(1);
        media.Error.Should().Contain("không có tệp âm thanh 'khong-co'");

        var missing = await RunAsync("broadcast", "report", "bc-000000000000", "--token", _head);
        missing.Code.Should().Be(1);
        missing.Error.Should().Contain("Không tìm thấy bản tin");

        var badToken = await RunAsync("broadcast", "list", "--token", "tk_00000000_wrong");
        badToken.Code.Should().Be(1);
        badToken.Error.Should().Contain("401");
    }

    [Fact]
    public async Task The_token_comes_from_the_data_directory_when_not_given()
    {
        var empty = Path.Combine(_dir.Path, "cli-home");
        Directory.CreateDirectory(empty);
        Environment.GetEnvironmentVariable("TANKY_TOKEN").Should().BeNull("the test relies on no token in the environment");

        var none = await RunAsync("broadcast", "list", "--data-dir", empty);
        none.Code.Should().Be(1);
        none.Error.Should().Contain("Chưa có mã API");

        await File.WriteAllTextAsync(Path.Combine(empty, "cli.token"), _officer + "\n");
        var found = await RunAsync("broadcast", "list", "--data-dir", empty);
        found.Code.Should().Be(0, found.Error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:9000;https://+:9443", "http://127.0.0.1:9000/")]
    [InlineData("http://*:8081", "http://127.0.0.1:8081/")]
    public void The_default_hub_is_the_first_listening_url_on_loopback(string urls, string expected)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Http:Urls"] = urls }).Build();

        HubApiClient.DefaultHub(config).ToString().Should().Be(expected);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => BroadcastCli.RunAsync(_hub.Http.BaseAddress!, args);

    [GeneratedRegex("bc-[0-9a-f]{12}")]
    private static partial Regex BroadcastId();
}
