using System.CommandLine;
using System.CommandLine.Parsing;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// Host configuration on the command line of the commands that start the hub (none, <c>run</c>,
/// <c>demo</c>): <c>--Section:Key=value</c> or <c>--Section:Key value</c>, the keys of
/// appsettings.json. The rule: a token is a setting when it starts with <c>--</c> and its name
/// (up to an <c>=</c>) has a <c>:</c> with text on both sides; in the spaced form the next token
/// is the value and may not start with <c>-</c> (write <c>--Section:Key=-5</c>). A name without
/// <c>:</c> is an option, so a mistyped <c>--dta-dir</c> is refused instead of becoming a
/// configuration key nobody reads; other commands refuse settings as unknown options.
/// </summary>
public static class HostSettings
{
    /// <summary>The name of the settings argument, as the usage shows it.</summary>
    public const string Label = "--Section:Key=value";

    /// <summary>
    /// Lets <paramref name="command"/> take settings through an argument of its own, so that its
    /// usage lists them; <see cref="StrictCli"/> checks them by <see cref="FirstStray"/>.
    /// </summary>
    /// <param name="hidden">Left out of the usage (the root's: the library would repeat it in every subcommand's usage line).</param>
    public static T Accept<T>(T command, bool hidden = false)
        where T : Command
    {
        command.Arguments.Add(new Argument<string[]>(Label)
        {
            Hidden = hidden,
            Description = CliText.T("cli2.settings"),
            Arity = ArgumentArity.ZeroOrMore,
        });
        return command;
    }

    public static bool Accepts(Command command) => command.Arguments.Any(IsSettings);

    public static bool IsSettings(Argument argument) => argument.Name == Label;

    /// <summary>The settings given to the commands on the way to <paramref name="command"/>, in order (unchecked).</summary>
    public static IReadOnlyList<string> Given(CommandResult command)
    {
        var path = new List<CommandResult>();
        for (SymbolResult? c = command; c is CommandResult r; c = r.Parent)
        {
            path.Insert(0, r);
        }

        return [.. path.SelectMany(c => c.Children.OfType<ArgumentResult>()).Where(a => IsSettings(a.Argument)).SelectMany(a => a.Tokens).Select(t => t.Value)];
    }

    /// <summary>The settings of a command that takes them (already checked by <see cref="StrictCli"/>).</summary>
    public static string[] Of(ParseResult result) => [.. Given(result.CommandResult)];

    public static bool IsSetting(string token)
    {
        if (!token.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var name = token[2..].Split('=', 2)[0];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < name.Length - 1 && !name.EndsWith(':') && !name.Any(char.IsWhiteSpace);
    }

    /// <summary>
    /// The first of <paramref name="tokens"/> that is not part of a setting, with
    /// <c>MissingValue</c> set when it is a spaced setting without its value; null when all are settings.
    /// </summary>
    public static (string Token, bool MissingValue)? FirstStray(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!IsSetting(token))
            {
                return (token, false);
            }

            if (token.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 == tokens.Count || tokens[i + 1].StartsWith('-'))
            {
                return (token, true);
            }

            i++;
        }

        return null;
    }
}
