using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.AspNetCore.Builder;
using TanKy.Hub.Hosting;
using TanKy.Hub.Shared.Cli;
using TanKy.Hub.Devices.Cli;
using TanKy.Hub.Accounts.Cli;
using TanKy.Hub.Storage.Backup;
using TanKy.Hub.Broker.Cli;

namespace TanKy.Hub.Cli;

/// <summary>
/// Entry point. Without a command (or with <c>run</c>) the hub service starts and the remaining
/// arguments are configuration settings (<c>--Broker:Port=1884</c>, <see cref="HostSettings"/>);
/// otherwise a management command runs. Unknown commands and options exit 2 (<see cref="StrictCli"/>).
/// </summary>
public static class HubCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, RunHostAsync);

    /// <param name="runHost">Starts the hub with its configuration arguments; tests pass a stand-in to see that nothing starts.</param>
    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string[], CancellationToken, Task> runHost)
    {
        // The language first: every description of the tree is written in it when the tree is built,
        // so `tanky-hub --lang en schedules --help` is English. (Async: the choice stays in this call.)
        CliText.UseArguments(args);
        return await StrictCli.InvokeAsync(Build(runHost), args, stdout, stderr);
    }

    /// <summary>
    /// The whole command tree (tests walk it so that a new command is covered by the CLI rules),
    /// its descriptions in <see cref="CliText.Language"/> (Resources/Text/textcli.resx).
    /// </summary>
    internal static Command Build(Func<string[], CancellationToken, Task> runHost)
    {
        var root = HostSettings.Accept(new Command("tanky-hub", CliText.T("cli2.root"))
        {
            new HelpOption { Description = CliText.T("cli2.help") },
            new VersionOption { Description = CliText.T("cli2.version") },
            CliOptions.DataDir,
            CliOptions.Language,
        }, hidden: true);
        root.SetAction((r, ct) => RunHub(r, runHost, ct));
        var run = HostSettings.Accept(new Command("run", CliText.T("cli2.run")));
        run.SetAction((r, ct) => RunHub(r, runHost, ct));
        root.Subcommands.Add(run);
        root.Subcommands.Add(DemoCommand.Build(runHost));
        root.Subcommands.Add(DeviceCommands.Build());
        root.Subcommands.Add(ZoneCommands.Build());
        root.Subcommands.Add(UserCommands.Build());
        root.Subcommands.Add(TokenCommands.Build());
        root.Subcommands.Add(BrokerCommands.Build());
        root.Subcommands.Add(Media.MediaCommands.Build());
        root.Subcommands.Add(Reports.ReportCommand.Build());
        root.Subcommands.Add(Availability.Maintenance.MaintenanceCommands.Build());
        root.Subcommands.Add(Availability.OfflineAlerts.AlertCommands.Build());
        // Schedules' words (sched.*) in the command line's language, looked up when a message is printed.
        root.Subcommands.Add(Schedules.ScheduleCommands.Build(key => Shared.Text.HubText.Default.Get(key, Shared.Cli.CliText.Language), ctx => new Broadcasts.Relay.Sources.RelaySourceStore(ctx.Db, TimeProvider.System)));
        root.Subcommands.Add(Emergency.Cap.CapCommands.Build());
        root.Subcommands.Add(Conformance.Cli.ConformanceCommands.Build());
        root.Subcommands.Add(Broadcast());
        root.Subcommands.Add(Broadcasts.Relay.Sources.RelaySourceCommands.Build());
        foreach (var command in BackupCommands.Build())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    // --data-dir comes last so that it wins over a --Hub:DataDir setting, as it does for the other commands.
    private static async Task<int> RunHub(ParseResult r, Func<string[], CancellationToken, Task> runHost, CancellationToken ct)
    {
        var dataDir = r.GetValue(CliOptions.DataDir);
        await runHost([.. HostSettings.Of(r), .. dataDir is null ? [] : new[] { $"--Hub:DataDir={dataDir}" }], ct);
        return 0;
    }

    private static Task RunHostAsync(string[] hostArgs, CancellationToken ct) => HubHost.Build(hostArgs).RunAsync(ct);

    /// <summary>`broadcast`: Broadcasts' verbs, plus `emergency` and `cancel`, which are the emergency feature's.</summary>
    internal static Command Broadcast()
    {
        var broadcast = Broadcasts.Cli.BroadcastCommands.Build();
        broadcast.Subcommands.Add(Emergency.Engine.EmergencyCliCommands.Emergency());
        broadcast.Subcommands.Add(Emergency.Engine.EmergencyCliCommands.Cancel());
        return broadcast;
    }
}
