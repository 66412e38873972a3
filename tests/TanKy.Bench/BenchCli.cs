using System.CommandLine;
using System.CommandLine.Help;
using TanKy.DeviceSim.Cli;

namespace TanKy.Bench;

/// <summary>Starts one benchmark: the real run, or a stand-in in tests that checks what would have started.</summary>
internal delegate Task<int> BenchStart(string benchmark, Func<Task<int>> run);

/// <summary>
/// <c>TanKy.Bench &lt;benchmark&gt; [options]</c>. Unknown benchmarks and options exit 2 with one
/// bilingual line (the simulator's rule, <see cref="StrictCli"/>); <c>--help</c> prints the
/// benchmark's own options and runs nothing.
/// </summary>
internal static class BenchCli
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, BenchStart? start = null)
    {
        start ??= (_, run) => run();
        var root = new Command("TanKy.Bench", "Đo hiệu năng TanKy.Iot / TanKy.Iot benchmarks: one JSON line per result on stdout, with the machine it ran on")
        {
            new HelpOption(),
        };
        root.Subcommands.Add(ConnectStorm.Command(start));
        root.Subcommands.Add(Fanout.Command(start));
        root.Subcommands.Add(ReportBench.Command(start));
        root.Subcommands.Add(ScheduleBench.Command(start));
        root.Subcommands.Add(EmergencyBench.Command(start));
        root.Subcommands.Add(EmergencyLaneBench.Command(start));
        root.Subcommands.Add(ProgrammeSaveBench.Command(start));
        root.Subcommands.Add(ConsoleWeightBench.Command(start));
        root.Subcommands.Add(ReconnectStorm.Command(start));
        root.Subcommands.Add(ResourceBudget.Command(start));
        root.Subcommands.Add(TimeSyncRtt.Command(start));
        root.Subcommands.Add(DeviceAuthTimingBench.Command(start));
        root.Subcommands.Add(EdgeFlood.Command(start));
        root.Subcommands.Add(FloodBench.Command(start));
        return StrictCli.InvokeAsync(root, args, stdout, stderr);
    }
}
