using System.Collections.Frozen;
using System.Globalization;

namespace TanKy.Hub.Reports.Text;

/// <summary>
/// The report's words, from <c>Web/Console/Text/reports2.tsv</c> (<c>key TAB vi TAB en</c>), the
/// same embedded file the console's <c>ConsoleText</c> reads. Reports sits below Web, and the CLI
/// writes reports without Web, so it reads its own file rather than the console's service.
/// The report itself is a Vietnamese document; English is there for error messages asked in English.
/// </summary>
internal static class ReportText
{
    private const string Resource = ".Web.Console.Text.reports2.tsv";

    private static readonly FrozenDictionary<string, (string Vi, string En)> Entries = Load();

    public static IReadOnlyCollection<string> Keys => Entries.Keys;

    /// <summary>The Vietnamese text of a key, formatted with <paramref name="args"/> (vi-VN numbers).</summary>
    public static string Get(string key, params object?[] args) => In("vi", key, args);

    public static string In(string language, string key, params object?[] args)
    {
        var text = Entries.TryGetValue(key, out var e) ? (language == "en" ? e.En : e.Vi) : $"[{key}]";
        return args.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "vi-VN"), text, args);
    }

    private static FrozenDictionary<string, (string, string)> Load()
    {
        var assembly = typeof(ReportText).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(Resource, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            entries[parts[0]] = (parts[1], parts[2]);
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
