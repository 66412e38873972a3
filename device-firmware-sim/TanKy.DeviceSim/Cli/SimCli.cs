using System.CommandLine;
using System.CommandLine.Help;

namespace TanKy.DeviceSim.Cli;

/// <summary><c>tanky-sim</c>: runs a simulated fleet against a broker until Ctrl-C or SIGTERM.</summary>
internal static class SimCli
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, run => FleetConsole.RunAsync(run, stdout, stderr));

    /// <param name="runFleet">What <c>run</c> does with its parsed arguments; tests pass a stand-in to see that nothing starts.</param>
    internal static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<RunArguments, Task<int>> runFleet)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new Command("tanky-sim", "Mô phỏng thiết bị TanKy.Iot (loa, Wi-Fi, camera, bảng LED) / TanKy.Iot device simulator (speakers, Wi-Fi APs, cameras, LED boards)")
        {
            new HelpOption(),
        };
        root.Subcommands.Add(RunCommand.Build(runFleet));
        // `tanky-sim help` predates System.CommandLine: kept as a synonym of --help.
        return StrictCli.InvokeAsync(root, args is ["help"] ? ["--help"] : args, stdout, stderr);
    }
}
