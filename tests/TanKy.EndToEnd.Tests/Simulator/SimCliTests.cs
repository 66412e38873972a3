using TanKy.DeviceSim.Cli;

namespace TanKy.EndToEnd.Tests.Simulator;

/// <summary>
/// <c>tanky-sim</c> in-process. A stand-in takes the place of the fleet, so "nothing started"
/// is checked directly: the stand-in was never called.
/// </summary>
public sealed class SimCliTests
{
    private static readonly string[] RunOptions =
    [
        "--fleet", "--host", "--port", "--telemetry-interval", "--limit", "--storm", "--no-decode", "--disconnect-every",
        "--latency-ms", "--kill-every", "--summary-every", "--audio-dir", "--aplay", "--clock-offset-ms", "--sync-window", "--audio-loss",
        "--conformance-fault",
    ];

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Root_help_names_the_run_command_and_starts_nothing(string help)
    {
        var cli = await SimCliRun.RunAsync(help);

        cli.Code.Should().Be(0);
        cli.Stdout.Should().Contain("Usage:").And.Contain("tanky-sim [command] [options]").And.Contain("run");
        cli.Stdout.Should().NotContain("--kill-every", "the root's help is not run's");
        cli.Started.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Run_help_names_runs_own_options_and_starts_nothing(string help)
    {
        // With and without the required --fleet: help never needs it.
        foreach (var args in new[] { new[] { "run", help }, ["run", "--fleet", "f.json", help] })
        {
            var cli = await SimCliRun.RunAsync(args);

            cli.Code.Should().Be(0);
            cli.Stdout.Should().Contain("tanky-sim run [options]").And.Contain("--fleet <FILE>").And.Contain("[default: 30]");
            foreach (var option in RunOptions)
            {
                cli.Stdout.Should().Contain(option);
            }

            cli.Stderr.Should().BeEmpty();
            cli.Started.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task No_command_prints_the_usage_and_exits_2()
    {
        var cli = await SimCliRun.RunAsync();

        cli.Code.Should().Be(2);
        cli.Stdout.Should().Contain("tanky-sim [command] [options]");
        cli.Stderr.Should().Be("Thiếu lệnh / Missing command: see --help" + Environment.NewLine);
        cli.Started.Should().BeEmpty();
    }

    [Theory]
    [InlineData(new[] { "fly" }, "Lệnh không hợp lệ / Unknown command: fly")]
    [InlineData(new[] { "fly", "--help" }, "Lệnh không hợp lệ / Unknown command: fly")]
    [InlineData(new[] { "--bar" }, "Tùy chọn không hợp lệ / Unknown option: --bar")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--bogus", "1" }, "Tùy chọn không hợp lệ / Unknown option: --bogus")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--bogus", "--help" }, "Tùy chọn không hợp lệ / Unknown option: --bogus")]
    [InlineData(new[] { "run", "--fleet", "f.json", "extra" }, "Đối số không hợp lệ / Unexpected argument: extra")]
    [InlineData(new[] { "run" }, "Thiếu tùy chọn bắt buộc / Missing required option: --fleet")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--port" }, "Thiếu giá trị / Missing value: --port needs a value")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--port", "0" }, "Giá trị không hợp lệ / Bad value: --port needs a whole number 1–65535, not '0'")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--limit", "ten" }, "Giá trị không hợp lệ / Bad value: --limit needs a whole number 1–2147483647, not 'ten'")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--telemetry-interval", "x" }, "Giá trị không hợp lệ / Bad value: --telemetry-interval needs seconds > 0 (e.g. 0.5 or 30), not 'x'")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--audio-loss", "101" }, "Giá trị không hợp lệ / Bad value: --audio-loss needs a percentage 0–100, not '101'")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--clock-offset-ms", "-1" }, "Giá trị không hợp lệ / Bad value: --clock-offset-ms needs a whole number 0–3600000, not '-1'")]
    public async Task Bad_arguments_exit_2_with_one_bilingual_line(string[] args, string message)
    {
        var cli = await SimCliRun.RunAsync(args);

        cli.Code.Should().Be(2);
        cli.Stderr.Should().Be(message + Environment.NewLine);
        cli.Started.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_passes_every_option_through_and_keeps_the_defaults()
    {
        var defaults = (await SimCliRun.RunAsync("run", "--fleet", "f.json")).Started.Should().ContainSingle().Subject;
        defaults.Should().Be(new RunArguments { Fleet = "f.json", TelemetryIntervalSeconds = 30, SummaryEverySeconds = 10 });

        var cli = await SimCliRun.RunAsync(
            "run", "--fleet", "f.json", "--host", "h", "--port", "1884", "--telemetry-interval", "0.5", "--limit", "3", "--storm", "--no-decode",
            "--disconnect-every", "7", "--latency-ms", "20", "--kill-every", "9", "--summary-every", "2", "--audio-dir", "/tmp/wav", "--aplay",
            "--clock-offset-ms", "5000", "--sync-window", "4", "--audio-loss", "12.5", "--conformance-fault", "StartsLate");

        cli.Code.Should().Be(0);
        cli.Started.Should().ContainSingle().Which.Should().Be(new RunArguments
        {
            Fleet = "f.json", Host = "h", Port = 1884, TelemetryIntervalSeconds = 0.5, Limit = 3, Storm = true, NoDecode = true,
            DisconnectEverySeconds = 7, LatencyMs = 20, KillEverySeconds = 9, SummaryEverySeconds = 2, AudioDirectory = "/tmp/wav", Aplay = true,
            ClockOffsetMs = 5000, SyncWindowSeconds = 4, AudioLossPercent = 12.5, ConformanceFault = TanKy.DeviceSim.Node.ConformanceFault.StartsLate,
        });
    }

    [Fact]
    public async Task A_bad_fleet_file_exits_1_and_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tanky-missing-{Guid.NewGuid():N}.json");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await SimCli.RunAsync(["run", "--fleet", path], stdout, stderr);

        code.Should().Be(1);
        stderr.ToString().Should().Contain(path);
    }
}

/// <summary>One in-process <c>tanky-sim</c> call with a stand-in fleet that records what would have started.</summary>
internal sealed record SimCliRun(int Code, string Stdout, string Stderr, IReadOnlyList<RunArguments> Started)
{
    public static async Task<SimCliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var started = new List<RunArguments>();
        var code = await SimCli.RunAsync(args, stdout, stderr, run =>
        {
            started.Add(run);
            return Task.FromResult(0);
        });
        return new SimCliRun(code, stdout.ToString(), stderr.ToString(), started);
    }
}
