using System.CommandLine;
using TanKy.Hub.Cli;
using TanKy.Hub.Tests.Schedules;

namespace TanKy.Hub.Tests.Cli;

/// <summary>
/// <c>tanky-hub</c>'s command line in-process. Every command of the tree HubCli builds is walked,
/// so a new command is held to the same rules: its own usage for <c>--help</c>, exit 2 for what
/// it does not know. A stand-in takes the hub's place, so "nothing started" is checked directly,
/// and a data directory that must never be created shows that no command body ran.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandLine_Tests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "tanky-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public static TheoryData<string> Commands() => [.. Walk(Tree(), "").Select(c => c.Path)];

    public static TheoryData<string> Groups() => [.. Walk(Tree(), "").Where(c => c.Command.Subcommands.Count > 0).Select(c => c.Path)];

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public void The_walk_reaches_every_level_of_the_tree()
    {
        var paths = Walk(Tree(), "").Select(c => c.Path).ToList();

        paths.Should().Contain(["", "run", "demo", "devices", "devices add", "devices set", "broadcast emergency", "backup", "restore"]);
        paths.Should().HaveCountGreaterThan(40);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_prints_the_commands_own_usage_and_starts_nothing(string path)
    {
        var command = Find(path);
        foreach (var help in new[] { "--help", "-h" })
        {
            var cli = await CliRun.RunAsync([.. Words(path), help, "--data-dir", _dataDir]);

            cli.Code.Should().Be(0, $"'{path} {help}'");
            cli.Stderr.Should().BeEmpty();
            var lines = cli.Stdout.Split(Environment.NewLine);
            lines.Should().Contain("Cách dùng:", "the library's \"Usage:\" in Vietnamese by default");
            var usage = lines[Array.IndexOf(lines, "Cách dùng:") + 1];
            usage.Should().StartWith($"  {string.Join(' ', ["tanky-hub", .. Words(path)])} ", "the usage is the command's own, not its parent's");
            cli.Stdout.Should().Contain(command.Description!);
            foreach (var name in command.Options.Where(o => !o.Hidden).Select(o => o.Name)
                .Concat(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"))
                .Concat(command.Subcommands.Select(c => c.Name)))
            {
                cli.Stdout.Should().Contain(name, $"'{path} {help}' lists what the command takes");
            }

            cli.Started.Should().BeEmpty();
            Directory.Exists(_dataDir).Should().BeFalse("no command body ran");
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_unknown_option_exits_2_with_one_bilingual_line_even_with_help(string path)
    {
        foreach (var tail in new[] { new[] { "--no-such-option" }, ["--no-such-option", "--help"], ["--no-such-option=1"] })
        {
            var cli = await CliRun.RunAsync([.. Words(path), .. tail, "--data-dir", _dataDir]);

            cli.Code.Should().Be(2, $"'{path} {string.Join(' ', tail)}'");
            cli.Stderr.Should().Be($"Tùy chọn không có: {tail[0]}{Environment.NewLine}");
            cli.Stdout.Should().BeEmpty();
            cli.Started.Should().BeEmpty();
            Directory.Exists(_dataDir).Should().BeFalse();
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task An_unknown_command_exits_2_with_one_bilingual_line_even_with_help(string path)
    {
        foreach (var tail in new[] { new[] { "no-such-command" }, ["no-such-command", "--help"] })
        {
            var cli = await CliRun.RunAsync([.. Words(path), .. tail]);

            cli.Code.Should().Be(2, $"'{path} {string.Join(' ', tail)}'");
            cli.Stderr.Should().Be($"Lệnh không có: no-such-command{Environment.NewLine}");
            cli.Stdout.Should().BeEmpty();
            cli.Started.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task A_group_without_its_command_prints_its_usage_and_exits_2()
    {
        var cli = await CliRun.RunAsync("devices");

        cli.Code.Should().Be(2);
        cli.Stderr.Should().Be($"Thiếu lệnh: xem --help{Environment.NewLine}");
        cli.Stdout.Should().Contain("tanky-hub devices [lệnh] [tùy chọn]");
    }

    [Theory]
    [InlineData(new[] { "tokens", "create", "--user", "u", "--expires-days", "ten" }, "Giá trị không đúng cho ")]
    [InlineData(new[] { "devices", "add", "--id", "x", "--kind", "speaker", "--zone", "z", "--lat", "north" }, "Giá trị không đúng cho ")]
    [InlineData(new[] { "devices", "add", "--kind", "speaker", "--zone", "z" }, "Thiếu tùy chọn bắt buộc: --id")]
    [InlineData(new[] { "tokens", "create", "--user" }, "Thiếu giá trị: --user cần một giá trị")]
    [InlineData(new[] { "run", "extra" }, "Đối số thừa: extra")]
    [InlineData(new[] { "media", "show", "--id" }, "Tùy chọn không có: --id")]
    public async Task Bad_arguments_exit_2_with_one_line_in_vietnamese(string[] args, string message)
    {
        var cli = await CliRun.RunAsync(["--data-dir", _dataDir, .. args]);

        cli.Code.Should().Be(2);
        cli.Stderr.Should().StartWith(message).And.EndWith(Environment.NewLine);
        cli.Stderr.Trim().Should().NotContain(Environment.NewLine, "one line");
        cli.Started.Should().BeEmpty();
        Directory.Exists(_dataDir).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "--lang", "en", "media", "show", "--id" }, "Unknown option: --id")]
    [InlineData(new[] { "devices", "add", "--kind", "speaker", "--zone", "z", "--lang=en" }, "Missing required option: --id")]
    [InlineData(new[] { "--lang", "en", "tokens", "create", "--user" }, "Missing value: --user needs a value")]
    public async Task With_lang_en_the_line_is_english(string[] args, string message)
    {
        var cli = await CliRun.RunAsync(["--data-dir", _dataDir, .. args]);

        cli.Code.Should().Be(2);
        cli.Stderr.Should().Be(message + Environment.NewLine);
    }

    // The invocations of hub/deploy/tanky-hub.service, hub/demo.sh, the field tests' and the bench's
    // hub processes, and hub/docs/operations.md.
    [Theory]
    [InlineData("run")]
    [InlineData("")]
    [InlineData("run --Hub:DataDir=/tmp/d --Hub:StatusLogInterval=00:00:20")]
    [InlineData("run --Hub:DataDir=/tmp/d --Broker:Port=0 --Broker:BindAddress=127.0.0.1 --Http:Urls=http://127.0.0.1:0 --Logging:LogLevel:Default=Warning")]
    [InlineData("run --Broker:MaxConnections=600 --Broker:AnswerTimeRequests=False --Broker:Mode=External --Broker:External:Host=127.0.0.1 --Broker:External:Port=1883")]
    [InlineData("run --Broker:Tls:Enabled=true --Broker:Tls:CertificateFile=/etc/tanky/mqtt.pem")]
    [InlineData("run --Http:Urls http://127.0.0.1:0 --Gateway:Speaker:Arguments:0=-q --Broker:Port 1884")]
    [InlineData("--Broker:Port=1884")]
    public async Task Configuration_settings_reach_the_hub_as_given(string line)
    {
        var args = Words(line);
        var cli = await CliRun.RunAsync(args);

        cli.Code.Should().Be(0, cli.Stderr);
        cli.Started.Should().ContainSingle().Which.Should().Equal(args is ["run", ..] ? args[1..] : args);
    }

    [Fact]
    public async Task Data_dir_on_run_wins_over_a_setting_as_on_every_other_command()
    {
        var cli = await CliRun.RunAsync("run", "--Hub:DataDir=/tmp/a", "--data-dir", "/tmp/b");

        cli.Started.Should().ContainSingle().Which.Should().Equal("--Hub:DataDir=/tmp/a", "--Hub:DataDir=/tmp/b");
    }

    [Fact]
    public async Task Demo_provisions_with_its_settings_and_runs_the_hub_with_them()
    {
        var cli = await CliRun.RunAsync("demo", $"--Hub:DataDir={_dataDir}", "--Broker:Port=1884");

        cli.Code.Should().Be(0, cli.Stderr);
        cli.Started.Should().ContainSingle().Which.Should().Equal($"--Hub:DataDir={_dataDir}", "--Broker:Port=1884", $"--Hub:DataDir={_dataDir}");
        File.ReadAllText(Path.Combine(_dataDir, DemoCommand.FleetFileName)).Should().Contain("1884", "the fleet file points at the port the hub will use");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData(new[] { "devices", "list", "--Hub:DataDir=/tmp/d" }, "Tùy chọn không có: --Hub:DataDir=/tmp/d")]
    [InlineData(new[] { "--Hub:DataDir=/tmp/d", "devices", "list" }, "Tùy chọn không có: --Hub:DataDir=/tmp/d")]
    [InlineData(new[] { "run", "--Hub:DataDir" }, "Thiếu giá trị: --Hub:DataDir cần một giá trị")]
    [InlineData(new[] { "run", "--Hub:DataDir", "--Broker:Port=1" }, "Thiếu giá trị: --Hub:DataDir cần một giá trị")]
    [InlineData(new[] { "run", "--dta-dir=/tmp/d" }, "Tùy chọn không có: --dta-dir=/tmp/d")]
    [InlineData(new[] { "run", "--Hub:=x" }, "Tùy chọn không có: --Hub:=x")]
    [InlineData(new[] { "run", "--:DataDir=x" }, "Tùy chọn không có: --:DataDir=x")]
    [InlineData(new[] { "run", "Hub:DataDir=x" }, "Đối số thừa: Hub:DataDir=x")]
    [InlineData(new[] { "--Broker:Port=1884", "no-such-command" }, "Lệnh không có: no-such-command")]
    public async Task Settings_only_where_the_hub_starts_and_only_in_their_two_forms(string[] args, string message)
    {
        var cli = await CliRun.RunAsync(args);

        cli.Code.Should().Be(2);
        cli.Stderr.Should().Be(message + Environment.NewLine);
        cli.Started.Should().BeEmpty();
    }

    [Theory]
    [InlineData("run")]
    [InlineData("demo")]
    [InlineData("")]
    public async Task Help_with_settings_prints_the_usage_and_the_real_hub_does_not_start(string command)
    {
        var previous = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        int code;
        try
        {
            code = await HubCli.RunAsync([.. Words(command), $"--Hub:DataDir={_dataDir}", "--Broker:Port=0", "--Http:Urls=http://127.0.0.1:0", "--help"]);
        }
        finally
        {
            Console.SetOut(previous.Out);
            Console.SetError(previous.Error);
        }

        code.Should().Be(0);
        stdout.ToString().Should().Contain("Cách dùng:");
        stderr.ToString().Should().BeEmpty();
        Directory.Exists(_dataDir).Should().BeFalse("the hub would have created its data directory, database and listen.json");
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var cli = await CliRun.RunAsync("--version");

        cli.Code.Should().Be(0);
        cli.Stdout.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        cli.Started.Should().BeEmpty();
    }

    private static string[] Words(string path) => path.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Command Tree() => HubCli.Build((_, _) => Task.CompletedTask);

    private static Command Find(string path) =>
        Words(path).Aggregate(Tree(), (c, name) => c.Subcommands.Single(s => s.Name == name));

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path) =>
        command.Subcommands.SelectMany(c => Walk(c, path.Length == 0 ? c.Name : $"{path} {c.Name}")).Prepend((path, command));
}

/// <summary>One in-process run of the CLI with its output captured and the hub replaced by a recorder.</summary>
internal sealed record CliRun(int Code, string Stdout, string Stderr, IReadOnlyList<string[]> Started)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var started = new List<string[]>();
        var code = await HubCli.RunAsync(args, stdout, stderr, (hostArgs, _) =>
        {
            started.Add(hostArgs);
            return Task.CompletedTask;
        });
        return new CliRun(code, stdout.ToString(), stderr.ToString(), started);
    }
}
