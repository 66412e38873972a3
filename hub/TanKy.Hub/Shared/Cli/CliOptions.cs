using System.CommandLine;

namespace TanKy.Hub.Shared.Cli;

/// <summary>Options shared by every command.</summary>
public static class CliOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (default: Hub:DataDir from appsettings.json / TANKY_Hub__DataDir, else ./data)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Machine-readable JSON output" };

    /// <summary>The language of messages: vi (default) or en; also TANKY_LANG (<see cref="CliText"/>).</summary>
    public static readonly Option<string?> Language = new("--lang")
    {
        Description = "Ngôn ngữ thông báo / message language: vi (mặc định / default) hoặc / or en; biến môi trường / environment TANKY_LANG",
        Recursive = true,
    };

    public static CliContext Context(ParseResult result) => new(result.GetValue(DataDir), []);

    /// <summary>
    /// Runs a command body and turns user errors into a message and exit code 1. Features' own
    /// user errors (registry, account) derive from InvalidOperationException.
    /// </summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return CliOutput.Fail(CliText.Say(ex));
        }
    }
}
