using TanKy.DeviceSim.Cli;

namespace TanKy.EndToEnd.Tests.Simulator;

public sealed class SimCliTests
{
    [Fact]
    public async Task Help_documents_run_and_its_options()
    {
        var (code, stdout, _) = await RunAsync("--help");

        code.Should().Be(0);
        stdout.Should().Contain("tanky-sim run --fleet FILE").And.Contain("--kill-every").And.Contain("--latency-ms");
    }

    [Theory]
    [InlineData(new[] { "run" }, "--fleet FILE is required")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--port", "0" }, "--port needs a whole number 1–65535, not '0'")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--telemetry-interval", "x" }, "--telemetry-interval needs seconds")]
    [InlineData(new[] { "run", "--fleet", "f.json", "--bogus", "1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "fly" }, "unknown command 'fly'")]
    public async Task Bad_arguments_exit_2_with_a_reason(string[] args, string reason)
    {
        var (code, _, stderr) = await RunAsync(args);

        code.Should().Be(2);
        stderr.Should().Contain(reason);
    }

    [Fact]
    public async Task A_bad_fleet_file_exits_1_and_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tanky-missing-{Guid.NewGuid():N}.json");

        var (code, _, stderr) = await RunAsync("run", "--fleet", path);

        code.Should().Be(1);
        stderr.Should().Contain(path);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SimCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
