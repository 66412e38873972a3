extern alias Bench;

using Bench::TanKy.Bench;

namespace TanKy.EndToEnd.Tests.Bench;

/// <summary>
/// <c>TanKy.Bench</c>'s command line in-process. A stand-in replaces the benchmarks, so "runs
/// nothing" is checked directly and a valid command line costs nothing.
/// </summary>
public sealed class BenchCliTests
{
    public static TheoryData<string, string[]> Benchmarks() => new()
    {
        { "connect-storm", ["--devices", "--timeout", "--brokers"] },
        { "fanout", ["--nodes", "--brokers", "--seconds", "--time-answer", "--timeout", "--decode", "--sync-window", "--settle"] },
        { "report", ["--devices", "--year", "--keep"] },
        { "schedules", ["--programmes", "--zones", "--days", "--runs"] },
        { "emergency", ["--speakers", "--runs"] },
        { "programme-save", ["--programmes", "--zones", "--runs"] },
        { "console-weight", ["--samples"] },
        { "reconnect-storm", ["--copies", "--stop", "--timeout", "--settle"] },
        { "resources", ["--starts", "--minutes", "--telemetry-interval", "--broadcast-nodes"] },
        { "flood", ["--seconds", "--publishers", "--limits"] },
    };

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Root_help_lists_every_benchmark_and_runs_nothing(string help)
    {
        var cli = await BenchRun.RunAsync(help);

        cli.Code.Should().Be(0);
        cli.Stdout.Should().Contain("TanKy.Bench [command] [options]");
        foreach (var name in Benchmarks().Select(row => (string)row[0]))
        {
            cli.Stdout.Should().Contain(name);
        }

        cli.Started.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Benchmarks))]
    public async Task Each_benchmarks_help_names_its_own_options_and_runs_nothing(string benchmark, string[] options)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var cli = await BenchRun.RunAsync(benchmark, help);

            cli.Code.Should().Be(0);
            cli.Stdout.Should().Contain($"TanKy.Bench {benchmark} [options]").And.NotContain("Commands:", "the help is the benchmark's, not the root's");
            foreach (var option in options)
            {
                cli.Stdout.Should().Contain(option);
            }

            cli.Stderr.Should().BeEmpty();
            cli.Started.Should().BeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Benchmarks))]
    public async Task Each_benchmark_refuses_an_unknown_option_and_runs_nothing(string benchmark, string[] options)
    {
        var cli = await BenchRun.RunAsync(benchmark, "--scenario", "x");

        cli.Code.Should().Be(2);
        cli.Stderr.Should().Be("Tùy chọn không hợp lệ / Unknown option: --scenario" + Environment.NewLine);
        cli.Started.Should().BeEmpty();
        options.Should().NotContain("--scenario");
    }

    [Theory]
    [MemberData(nameof(Benchmarks))]
    public async Task Each_benchmark_starts_with_its_defaults(string benchmark, string[] options)
    {
        var cli = await BenchRun.RunAsync(benchmark);

        cli.Code.Should().Be(0);
        cli.Started.Should().Equal([benchmark]);
        options.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(new[] { "fly" }, "Lệnh không hợp lệ / Unknown command: fly")]
    [InlineData(new[] { "--scenario", "x" }, "Tùy chọn không hợp lệ / Unknown option: --scenario")]
    [InlineData(new[] { "connect-storm", "--devices", "ten" }, "Giá trị không hợp lệ / Bad value: --devices needs a whole number 1–2147483647, not 'ten'")]
    [InlineData(new[] { "fanout", "--nodes", "100,x" }, "Giá trị không hợp lệ / Bad value: --nodes needs comma-separated whole numbers ≥ 1, not '100,x'")]
    [InlineData(new[] { "fanout", "--brokers", "embedded,rabbit" }, "Giá trị không hợp lệ / Bad value: --brokers needs a comma-separated list of embedded, mosquitto, not 'embedded,rabbit'")]
    [InlineData(new[] { "fanout", "--time-answer", "nobody" }, "Giá trị không hợp lệ / Bad value: --time-answer needs one of broker, hub, both, not 'nobody'")]
    [InlineData(new[] { "fanout", "--sync-window", "soon" }, "Giá trị không hợp lệ / Bad value: --sync-window needs default, auto or seconds > 0, not 'soon'")]
    [InlineData(new[] { "reconnect-storm", "--stop", "unplug" }, "Giá trị không hợp lệ / Bad value: --stop needs one of term, kill, not 'unplug'")]
    public async Task Bad_command_lines_exit_2_with_one_bilingual_line(string[] args, string message)
    {
        var cli = await BenchRun.RunAsync(args);

        cli.Code.Should().Be(2);
        cli.Stderr.Should().Be(message + Environment.NewLine);
        cli.Started.Should().BeEmpty();
    }

    [Fact]
    public async Task No_benchmark_prints_the_usage_and_exits_2()
    {
        var cli = await BenchRun.RunAsync();

        cli.Code.Should().Be(2);
        cli.Stdout.Should().Contain("TanKy.Bench [command] [options]");
        cli.Started.Should().BeEmpty();
    }

    [Theory]
    [InlineData("fanout", "--nodes", "5,10", "--brokers", "embedded", "--seconds", "3", "--time-answer", "both", "--decode", "--sync-window", "auto", "--settle", "0")]
    [InlineData("reconnect-storm", "--copies", "2", "--stop", "kill", "--settle", "0", "--timeout", "30")]
    [InlineData("resources", "--broadcast-nodes", "0", "--minutes", "0", "--starts", "1", "--telemetry-interval", "5")]
    [InlineData("report", "--measure", "/tmp/report-dir")]
    public async Task Documented_command_lines_are_accepted(params string[] args)
    {
        var cli = await BenchRun.RunAsync(args);

        cli.Stderr.Should().BeEmpty();
        cli.Code.Should().Be(0);
        cli.Started.Should().Equal([args[0]]);
    }
}

/// <summary>One in-process bench call with a stand-in that records which benchmark would have started.</summary>
internal sealed record BenchRun(int Code, string Stdout, string Stderr, IReadOnlyList<string> Started)
{
    public static async Task<BenchRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var started = new List<string>();
        var code = await BenchCli.RunAsync(args, stdout, stderr, (name, _) =>
        {
            started.Add(name);
            return Task.FromResult(0);
        });
        return new BenchRun(code, stdout.ToString(), stderr.ToString(), started);
    }
}
