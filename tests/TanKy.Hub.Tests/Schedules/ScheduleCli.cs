using System.CommandLine;
using TanKy.Hub.Schedules;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.Schedules;

/// <summary>Runs a <c>schedules</c> command against a data directory and captures what it printed.</summary>
internal static class ScheduleCli
{
    public static async Task<(int Code, string Output)> RunAsync(string dataDir, params string[] args)
    {
        var root = new RootCommand { CliOptions.DataDir };
        root.Subcommands.Add(ScheduleCommands.Build(Hub.Web.Console.Pages.Programme.ScheduleText.For("vi")));
        var writer = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            var code = await root.Parse([.. args, "--data-dir", dataDir]).InvokeAsync();
            return (code, writer.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }
}
