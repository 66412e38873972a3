using System.CommandLine;

namespace TanKy.Hub.Shared.Cli;

/// <summary>Options shared by every command.</summary>
public static class CliOptions
{
    // One instance per language (PerLanguage): the descriptions are text in the CLI's language.
    private static readonly PerLanguage<Option<string?>> DataDirs = new(() => new("--data-dir")
    {
        Description = CliText.T("cli2.opt.data-dir"),
        Recursive = true,
    });

    private static readonly PerLanguage<Option<bool>> Jsons = new(() => new("--json") { Description = CliText.T("cli2.opt.json") });

    private static readonly PerLanguage<Option<string?>> Languages = new(() => new(LanguageName)
    {
        Description = CliText.T("cli2.opt.lang"),
        Recursive = true,
    });

    public const string LanguageName = "--lang";

    public static Option<string?> DataDir => DataDirs.Value;

    public static Option<bool> Json => Jsons.Value;

    /// <summary>The language of messages: vi (default) or en; also TANKY_LANG (<see cref="CliText"/>).</summary>
    public static Option<string?> Language => Languages.Value;

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
