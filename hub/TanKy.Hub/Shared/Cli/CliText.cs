using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// The CLI's language: Vietnamese unless <c>--lang en</c> is given (any command) or the
/// environment variable <c>TANKY_LANG=en</c> is set; <c>--lang</c> wins over the variable.
/// Messages come from the same resource files as the console (<see cref="HubText"/>).
/// </summary>
public static class CliText
{
    public const string EnvironmentVariable = "TANKY_LANG";

    private static readonly AsyncLocal<string?> Chosen = new();

    /// <summary>"vi" or "en" for this invocation.</summary>
    public static string Language => Chosen.Value ?? Normal(Environment.GetEnvironmentVariable(EnvironmentVariable)) ?? "vi";

    /// <summary>Reads <c>--lang en</c> / <c>--lang=en</c> from the command line (before parsing, so parse errors are in that language too).</summary>
    public static void UseArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                break;
            }

            var value = args[i].StartsWith(CliOptions.LanguageName + "=", StringComparison.Ordinal) ? args[i][(CliOptions.LanguageName.Length + 1)..]
                : args[i] == CliOptions.LanguageName && i + 1 < args.Count ? args[i + 1]
                : null;
            if (Normal(value) is { } language)
            {
                Chosen.Value = language;
            }
        }
    }

    /// <summary>The text of <paramref name="key"/> in the CLI's language, placeholders filled in.</summary>
    public static string T(string key, params object?[] args) => HubText.Default.Format(key, Language, args);

    /// <summary>Table headers in the CLI's language: <c>cli2.col.&lt;name&gt;</c> for each name (Resources/Text/textcli.resx).</summary>
    public static string[] Columns(params string[] names) => [.. names.Select(n => T("cli2.col." + n))];

    /// <summary>The label of a stored code ("applied" → "đã áp dụng"), or the code itself when it has none.</summary>
    public static string Label(string prefix, string? code) => HubText.Default.Label(prefix, code ?? "", Language);

    /// <summary>What to tell the user about <paramref name="ex"/>: its message in the CLI's language when it has a key.</summary>
    public static string Say(Exception ex) =>
        ex is ILocalizedError localized ? HubText.Default.Format(localized.Text, Language) : ex.Message;

    private static string? Normal(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "en" or "en-us" or "english" => "en",
        "vi" or "vi-vn" => "vi",
        _ => null,
    };
}
