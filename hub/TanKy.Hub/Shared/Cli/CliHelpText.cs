namespace TanKy.Hub.Shared.Cli;

/// <summary>
/// The frame System.CommandLine writes around the descriptions of <c>--help</c> ("Usage:",
/// "Options:", "(REQUIRED)", "[default: 20]") in the CLI's language: the library has no
/// Vietnamese resources, and its words follow the machine's culture, not <c>--lang</c>. The
/// descriptions themselves are already in the CLI's language (Resources/Text/textcli.resx).
/// </summary>
public static class CliHelpText
{
    // Section titles are whole lines; the rest are fragments of the usage line and option rows.
    private static readonly (string Library, string Key)[] Titles =
    [
        ("Description:", "cli2.help.description"),
        ("Usage:", "cli2.help.usage"),
        ("Arguments:", "cli2.help.arguments"),
        ("Options:", "cli2.help.options"),
        ("Commands:", "cli2.help.commands"),
    ];

    private static readonly (string Library, string Key)[] Fragments =
    [
        ("(REQUIRED)", "cli2.help.required"),
        ("[default:", "cli2.help.default"),
        ("[command]", "cli2.help.command"),
        ("[options]", "cli2.help.options-usage"),
    ];

    /// <summary><paramref name="help"/> as the library wrote it, its own words in <see cref="CliText.Language"/>.</summary>
    public static string Localize(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        var lines = help.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var title = Array.FindIndex(Titles, t => t.Library == line);
            if (title >= 0)
            {
                lines[i] = lines[i].Replace(line, CliText.T(Titles[title].Key), StringComparison.Ordinal);
                continue;
            }

            foreach (var (library, key) in Fragments)
            {
                lines[i] = lines[i].Replace(library, CliText.T(key), StringComparison.Ordinal);
            }
        }

        return string.Join('\n', lines);
    }
}
