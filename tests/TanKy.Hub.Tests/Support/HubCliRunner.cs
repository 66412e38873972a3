using TanKy.Hub.Cli;

namespace TanKy.Hub.Tests.Support;

/// <summary>Runs <c>tanky-hub</c> commands in-process with the console captured (tests using it join the console collection).</summary>
internal static class HubCliRunner
{
    public static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            var code = await HubCli.RunAsync(args);
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }
}
