using System.Text.Json;
using TanKy.Hub.Cli;
using TanKy.Hub.Tests.Schedules;
using TanKy.Hub.Tests.Support;

namespace TanKy.Hub.Tests.Broadcasts.Relay;

/// <summary><c>tanky-hub sources add|list|remove|check</c> on a data directory; check against a real Icecast.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RelaySourceCommands_Tests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tanky-sources-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Add_list_json_and_remove()
    {
        var add = await Run("sources", "add", "--id", "vov1", "--name", "VOV1 – Thời sự", "--url", "http://127.0.0.1:9/vov1.mp3", "--url", "icecast://127.0.0.1:9/b.mp3");
        add.Code.Should().Be(0, add.Err);
        add.Out.Should().Contain("Đã đăng ký nguồn vov1").And.Contain("2 địa chỉ");

        var list = await Run("sources", "list");
        list.Out.Should().Contain("vov1").And.Contain("VOV1 – Thời sự").And.Contain("icecast://127.0.0.1:9/b.mp3");

        var json = await Run("sources", "list", "--json");
        var first = JsonDocument.Parse(json.Out).RootElement[0];
        first.GetProperty("id").GetString().Should().Be("vov1");
        first.GetProperty("urls").EnumerateArray().Select(u => u.GetString()).Should().Equal("http://127.0.0.1:9/vov1.mp3", "icecast://127.0.0.1:9/b.mp3");

        var remove = await Run("sources", "remove", "--id", "vov1");
        remove.Code.Should().Be(0);
        (await Run("--lang", "en", "sources", "list")).Out.Should().Contain("No relay sources yet.");
        (await Run("sources", "remove", "--id", "vov1")).Code.Should().Be(1);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("concat:http://127.0.0.1/a.mp3|http://127.0.0.1/b.mp3", "concat")]
    [InlineData("pipe:0", "pipe")]
    [InlineData("data:audio/mpeg;base64,AAAA", "data")]
    [InlineData("ftp://127.0.0.1/a.mp3", "ftp")]
    public async Task Add_refuses_other_protocols_with_a_clear_message(string url, string scheme)
    {
        var vi = await Run("sources", "add", "--id", "vov1", "--name", "VOV1", "--url", url);
        var en = await Run("--lang", "en", "sources", "add", "--id", "vov1", "--name", "VOV1", "--url", url);

        vi.Code.Should().Be(1);
        vi.Err.Should().Contain($"giao thức \"{scheme}\" không được phép");
        en.Code.Should().Be(1);
        en.Err.Should().Contain($"scheme \"{scheme}\" is not allowed").And.Contain("http, https or icecast");
        (await Run("sources", "list", "--json")).Out.Trim().Should().Be("[]");
    }

    [Fact]
    public async Task Check_reports_format_and_loudness_of_a_live_icecast_source()
    {
        await using var icecast = await IcecastServer.StartAsync();
        await using var feeder = await IcecastFeeder.StartAsync(icecast, "vov1.mp3", TestTone.Sine(-20));
        (await Run("sources", "add", "--id", "vov1", "--name", "VOV1", "--url", LoopbackFileServer.DeadUrl(), "--url", feeder.Url)).Code.Should().Be(0);

        var check = await Run("sources", "check", "--id", "vov1", "--seconds", "4", "--json");

        check.Code.Should().Be(0, check.Err);
        var answered = JsonDocument.Parse(check.Out).RootElement.GetProperty("urls")[1];
        answered.GetProperty("reachable").GetBoolean().Should().BeTrue();
        answered.GetProperty("codec").GetString().Should().Be("mp3");
        answered.GetProperty("sampleRate").GetInt32().Should().Be(48_000);
        answered.GetProperty("bitrateKbps").GetInt32().Should().Be(64);
        answered.GetProperty("loudnessLufs").GetDouble().Should().BeApproximately(-20, 1.5);

        var text = await Run("sources", "check", "--id", "vov1", "--seconds", "2");
        text.Code.Should().Be(0);
        text.Out.Should().Contain("Định dạng: mp3, 48000 Hz").And.Contain("Độ to: -");
    }

    [Fact]
    public async Task Check_of_a_dead_source_exits_non_zero()
    {
        (await Run("sources", "add", "--id", "chet", "--name", "Dead", "--url", LoopbackFileServer.DeadUrl())).Code.Should().Be(0);

        var check = await Run("sources", "check", "--id", "chet", "--seconds", "2");

        check.Code.Should().NotBe(0);
        check.Out.Should().Contain("không kết nối được");
        check.Err.Should().Contain("không địa chỉ nào trả lời");
        (await Run("sources", "check", "--id", "khong-co")).Code.Should().NotBe(0);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (previousOut, previousErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await HubCli.RunAsync([.. args, "--data-dir", _dataDir], stdout, stderr, (_, _) => Task.CompletedTask);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousErr);
        }
    }
}
