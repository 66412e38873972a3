using System.CommandLine;
using System.Text.RegularExpressions;
using TanKy.Hub.Broadcasts;
using TanKy.Hub.Broadcasts.Cli;

using TanKy.Hub.Tests.Support;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.EmergencyEngine;

/// <summary><c>tanky-hub broadcast emergency|cancel</c> against the running hub.</summary>
public sealed partial class EmergencyCli_Tests : IAsyncLifetime
{
    private EmergencyHub _hub = null!;
    private string _officer = "";
    private string _head = "";

    public async Task InitializeAsync()
    {
        _hub = await EmergencyHub.StartAsync();
        var tokens = new TanKy.Hub.Accounts.TokenService(_hub.Dir.Db, new TanKy.Hub.Accounts.UserStore(_hub.Dir.Db, TimeProvider.System), TimeProvider.System);
        _officer = tokens.Create("van-hoa");
        _head = tokens.Create("truong-khoi-1");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Emergency_with_siren_and_repeat_then_cancel()
    {
        var run = await RunAsync("broadcast", "emergency", "--zones", "khoi-1", "--media", "tin-10s", "--siren", "coi-hu", "--repeat", "2", "--interval", "5", "--token", _officer);

        run.Code.Should().Be(0, run.Error);
        run.Output.Should().StartWith("ĐÃ PHÁT KHẨN CẤP: bc-");
        var id = BroadcastId().Match(run.Output).Value;
        _hub.Broadcasts.Get(id)!.Class.Should().Be("emergency");

        var cancel = await RunAsync("broadcast", "cancel", id, "--token", _officer);
        cancel.Code.Should().Be(0, cancel.Error);
        cancel.Output.Should().Be($"Đã huỷ {id}\n");
        _hub.Broadcasts.Get(id)!.Status.Should().Be(BroadcastStatus.Cancelled);
    }

    [Fact]
    public async Task A_recording_file_is_uploaded_and_refusals_exit_non_zero()
    {
        var wav = Path.Combine(_hub.Dir.Path, "ghi-am.wav");
        await File.WriteAllBytesAsync(wav, ToneWav.Create(TimeSpan.FromSeconds(1), 440));

        var outside = await RunAsync("broadcast", "emergency", "--zones", "xom-3", "--file", wav, "--token", _head);
        var none = await RunAsync("broadcast", "emergency", "--zones", "khoi-1", "--token", _head);

        outside.Code.Should().Be(1);
        outside.Error.Should().Contain("xom-3");
        none.Code.Should().Be(1);
        none.Error.Should().Contain("--media, --text, --file");
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { CliOptions.DataDir };
        root.Subcommands.Add(TanKy.Hub.Cli.HubCli.Broadcast());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var withHub = args.Concat(["--hub", _hub.Hub.Http.BaseAddress!.ToString()]).ToArray();
        var code = await root.Parse(withHub).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex("bc-[0-9a-f]{12}")]
    private static partial Regex BroadcastId();
}
