using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace TanKy.DeviceSim.Cli;

/// <summary>
/// Parses and runs a System.CommandLine tree by the rule every TanKy tool follows: an unknown
/// command, an unknown option or a bad value exits 2 with one bilingual line on stderr
/// (Vietnamese first) instead of the library's English help dump; <c>--help</c>/<c>-h</c> prints
/// the usage of the command it follows and runs nothing. Shared with TanKy.Bench.
/// </summary>
internal static class StrictCli
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
            // The tools shut down cleanly on Ctrl-C/SIGTERM themselves; the library's 2 s cut-off would kill a fleet mid-stop.
            ProcessTerminationTimeout = null,
            // Exceptions surface as they did before System.CommandLine, not as a red dump with exit 1.
            EnableDefaultExceptionHandler = false,
        };
        var result = root.Parse(args);
        if (Refusal(result) is { } refusal)
        {
            stderr.WriteLine(refusal);
            if (result.UnmatchedTokens.Count == 0 && NeedsSubcommand(result.CommandResult))
            {
                // No command at all: the usage is the useful answer.
                await root.Parse([.. CommandPath(result.CommandResult), "--help"]).InvokeAsync(config);
            }

            return BadArguments;
        }

        return await result.InvokeAsync(config);
    }

    /// <summary>The one-line refusal for <paramref name="result"/>, or null when it may run (help wins only when nothing is unknown).</summary>
    public static string? Refusal(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                return $"Tùy chọn không hợp lệ / Unknown option: {token}";
            }

            return result.CommandResult.Command.Subcommands.Count > 0
                ? $"Lệnh không hợp lệ / Unknown command: {token}"
                : $"Đối số không hợp lệ / Unexpected argument: {token}";
        }

        if (result.Action is HelpAction || result.Errors.Count == 0)
        {
            return null;
        }

        var error = result.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { IdentifierToken: null } o => $"Thiếu tùy chọn bắt buộc / Missing required option: {o.Option.Name}",
            OptionResult { Tokens.Count: 0 } o => $"Thiếu giá trị / Missing value: {o.Option.Name} needs a value",
            OptionResult or ArgumentResult => $"Giá trị không hợp lệ / Bad value: {error.Message}",
            CommandResult c when NeedsSubcommand(c) => "Thiếu lệnh / Missing command: see --help",
            _ => $"Tham số không hợp lệ / Bad arguments: {error.Message}",
        };
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
