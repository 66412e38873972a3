using System.CommandLine;
using TanKy.Hub.Shared.Cli;

namespace TanKy.Hub.Tests.Support;

/// <summary>Runs `tanky-hub broadcast …` in process against a running hub's HTTP address; returns exit code, output and error.</summary>
internal static class BroadcastCli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(Uri hub, params string[] args)
    {
        var root = new RootCommand { CliOptions.DataDir };
        root.Subcommands.Add(TanKy.Hub.Cli.HubCli.Broadcast());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var withHub = args.Concat(["--hub", hub.ToString()]).ToArray();
        var code = await root.Parse(withHub).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
