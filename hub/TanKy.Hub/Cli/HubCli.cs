using System.CommandLine;
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
/// arguments are configuration (<c>--Broker:Port=1884</c>); otherwise a management command runs.
/// </summary>
public static class HubCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] == "run" || (args[0].StartsWith("--", StringComparison.Ordinal) && args[0].Contains(':', StringComparison.Ordinal)))
        {
            var hostArgs = args.Length > 0 && args[0] == "run" ? args[1..] : args;
            await HubHost.Build(hostArgs).RunAsync();
            return 0;
        }

        var root = new RootCommand("tanky-hub: hệ thống truyền thanh thông minh và IoT xã Tân Kỳ / Tân Kỳ smart public-address and IoT hub")
        {
            CliOptions.DataDir,
        };
        root.Subcommands.Add(new Command("run", "Chạy hub (mặc định) / run the hub service (the default); extra --Section:Key=value arguments set configuration"));
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(DeviceCommands.Build());
        root.Subcommands.Add(ZoneCommands.Build());
        root.Subcommands.Add(UserCommands.Build());
        root.Subcommands.Add(TokenCommands.Build());
        root.Subcommands.Add(BrokerCommands.Build());
        root.Subcommands.Add(Media.MediaCommands.Build());
        root.Subcommands.Add(Reports.ReportCommand.Build());
        root.Subcommands.Add(Availability.Maintenance.MaintenanceCommands.Build());
        root.Subcommands.Add(Availability.OfflineAlerts.AlertCommands.Build());
        root.Subcommands.Add(Schedules.ScheduleCommands.Build());
        // `broadcast emergency` and `broadcast cancel` are the emergency feature's, under the broadcast verb.
        var broadcast = Broadcasts.Cli.BroadcastCommands.Build();
        broadcast.Subcommands.Add(Emergency.Engine.EmergencyCliCommands.Emergency());
        broadcast.Subcommands.Add(Emergency.Engine.EmergencyCliCommands.Cancel());
        root.Subcommands.Add(broadcast);
        foreach (var command in BackupCommands.Build())
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }
}
