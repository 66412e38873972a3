using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace TanKy.Hub.Web.Console.Text;

/// <summary>
/// The console's strings, Vietnamese first with English beside them. They live in embedded
/// <c>Web/Console/Text/*.tsv</c> files (<c>key TAB vi TAB en</c>), one file per area so page
/// authors add their own file instead of editing a shared table. The language comes from the
/// <c>tanky.lang</c> cookie that the VI/EN switch sets.
/// </summary>
internal sealed class ConsoleText
{
    public const string LanguageCookie = "tanky.lang";

    private readonly FrozenDictionary<string, (string Vi, string En)> _entries;

    public ConsoleText()
        : this(typeof(ConsoleText).Assembly)
    {
    }

    internal ConsoleText(Assembly assembly)
    {
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".tsv", StringComparison.Ordinal) && n.Contains(".Web.Console.Text.", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var lineNo = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var parts = line.Split('\t');
                if (parts.Length != 3 || parts[0].Length == 0)
                {
                    throw new InvalidDataException($"{name}:{lineNo}: expected 'key<TAB>vi<TAB>en'");
                }

                if (!entries.TryAdd(parts[0], (parts[1], parts[2])))
                {
                    throw new InvalidDataException($"{name}:{lineNo}: duplicate key '{parts[0]}'");
                }
            }
        }

        _entries = entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Keys => _entries.Keys;

    /// <summary>"en" when the request asked for English, otherwise "vi".</summary>
    public static string LanguageOf(HttpContext? http) =>
        http?.Request.Cookies[LanguageCookie] == "en" ? "en" : "vi";

    /// <summary>The text, or the key in brackets so a missing entry is visible on the page and in tests.</summary>
    public string Get(string key, string language) =>
        _entries.TryGetValue(key, out var e) ? (language == "en" ? e.En : e.Vi) : $"[{key}]";
}
