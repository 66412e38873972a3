using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// Parses and runs a System.CommandLine tree by the rule every TanKy tool follows (the simulator
/// keeps its own copy: the hub does not reference it): an unknown command, an unknown option or a
/// bad value exits 2 with one line on stderr in the CLI's language (<see cref="CliText"/>) instead of the
/// library's English help dump; <c>--help</c>/<c>-h</c> prints the usage of the command it
/// follows and runs nothing. Commands that start the hub also take configuration settings
/// (<see cref="HostSettings"/>).
/// </summary>
public static class StrictCli
{
    public const int BadArguments = 2;

    public static async Task<int> InvokeAsync(Command root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(stderr);
        var config = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // The hub stops cleanly on Ctrl-C/SIGTERM through its host; the library's 2 s cut-off would kill it mid-stop.
            ProcessTerminationTimeout = null,
        };
        CliText.UseArguments(args);
        var result = root.Parse(args);
        if (Refusal(result, args) is { } refusal)
        {
            stderr.WriteLine(refusal);
            if (result.UnmatchedTokens.Count == 0 && NeedsSubcommand(result.CommandResult))
            {
                // A group without its command: the usage is the useful answer.
                await HelpAsync(root.Parse([.. CommandPath(result.CommandResult), "--help"]), stdout, stderr);
            }

            return BadArguments;
        }

        return result.Action is HelpAction ? await HelpAsync(result, stdout, stderr) : await result.InvokeAsync(config);
    }

    /// <summary>Runs the library's help into a buffer and writes it with its own words in the CLI's language (<see cref="CliHelpText"/>).</summary>
    private static async Task<int> HelpAsync(ParseResult help, TextWriter stdout, TextWriter stderr)
    {
        using var buffer = new StringWriter();
        var code = await help.InvokeAsync(new InvocationConfiguration { Output = buffer, Error = stderr, ProcessTerminationTimeout = null });
        await stdout.WriteAsync(CliHelpText.Localize(buffer.ToString()));
        await stdout.FlushAsync();
        return code;
    }

    /// <summary>The one-line refusal for <paramref name="result"/>, or null when it may run (help wins only when nothing is unknown).</summary>
    public static string? Refusal(ParseResult result, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Unknown(result, args) is { } unknown)
        {
            return unknown;
        }

        if (result.Action is HelpAction || result.Errors.Count == 0)
        {
            return null;
        }

        var error = result.Errors[0];
        // The parser's own messages are English: the line names the option and the value instead.
        return error.SymbolResult switch
        {
            OptionResult { IdentifierToken: null } o => CliText.T("cli.refuse.missing-option", o.Option.Name),
            OptionResult { Option.Arity.MaximumNumberOfValues: 0 } o => CliText.T("cli.refuse.no-value-expected", o.Option.Name),
            OptionResult { Tokens.Count: 0 } o => CliText.T("cli.refuse.missing-value", o.Option.Name),
            OptionResult o => CliText.T("cli.refuse.bad-value", o.Option.Name, string.Join(' ', o.Tokens.Select(t => t.Value))),
            ArgumentResult a => CliText.T("cli.refuse.bad-value", a.Argument.Name, string.Join(' ', a.Tokens.Select(t => t.Value))),
            CommandResult c when NeedsSubcommand(c) => CliText.T("cli.refuse.missing-command"),
            _ => CliText.T("cli.refuse.bad-arguments", string.Join(' ', result.Errors.Select(e => e.SymbolResult is { Tokens.Count: > 0 } r ? r.Tokens[0].Value : null).OfType<string>())),
        };
    }

    private static string? Unknown(ParseResult result, IReadOnlyList<string> args)
    {
        var command = result.CommandResult.Command;
        var settings = HostSettings.Given(result.CommandResult);
        (string Token, bool MissingValue)? stray = result.UnmatchedTokens.Count > 0 ? (result.UnmatchedTokens[0], false) : null;
        stray ??= settings.Count == 0 ? null
            : HostSettings.Accepts(command) ? HostSettings.FirstStray(settings)
            : (settings[0], false);
        stray ??= OptionTakenAsArgument(result, args) is { } option ? (option, false) : null;
        return stray switch
        {
            null => null,
            (var token, true) => CliText.T("cli.refuse.missing-value", token),
            (var token, _) when token.StartsWith('-') => CliText.T("cli.refuse.unknown-option", token),
            (var token, _) when command.Subcommands.Count > 0 => CliText.T("cli.refuse.unknown-command", token),
            (var token, _) => CliText.T("cli.refuse.unexpected-argument", token),
        };
    }

    /// <summary>
    /// The parser gives an unknown <c>--name</c> to a command's free argument (<c>media show --bogus</c>
    /// would look up a clip called "--bogus"). No argument of the hub's starts with '-', so one
    /// that does is an unknown option, unless it follows <c>--</c>.
    /// </summary>
    private static string? OptionTakenAsArgument(ParseResult result, IReadOnlyList<string> args)
    {
        var end = args.ToList().IndexOf("--");
        var beforeEnd = end < 0 ? args : args.Take(end).ToList();
        return result.CommandResult.Children.OfType<ArgumentResult>()
            .Where(a => !HostSettings.IsSettings(a.Argument))
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .FirstOrDefault(v => v.Length > 1 && v.StartsWith('-') && beforeEnd.Contains(v));
    }

    private static bool NeedsSubcommand(CommandResult c) => c.Command.Subcommands.Count > 0 && c.Command.Action is null;

    private static IEnumerable<string> CommandPath(CommandResult command)
    {
        var names = new Stack<string>();
        for (var c = command; c.Parent is CommandResult parent; c = parent)
        {
            names.Push(c.Command.Name);
        }

        return names;
    }
}
