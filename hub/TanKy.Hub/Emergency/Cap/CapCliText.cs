using System.Globalization;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Texts of the <c>cap</c> commands and of the errors they print, from Web/Console/Text/cap.tsv
/// (embedded in this assembly), as "tiếng Việt / English" like every CLI message today. Read from the
/// resource by name because Emergency sits below Web and cannot use its text tables.
/// </summary>
internal static class CapCliText
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string Vi, string En)>> Table = new(Load);

    public static string Get(string key, params object[] args)
    {
        if (!Table.Value.TryGetValue(key, out var text))
        {
            return $"[{key}]";
        }

        var vi = string.Format(CultureInfo.InvariantCulture, text.Vi, args);
        var en = string.Format(CultureInfo.InvariantCulture, text.En, args);
        return vi == en ? vi : $"{vi} / {en}";
    }

    private static IReadOnlyDictionary<string, (string, string)> Load()
    {
        var assembly = typeof(CapCliText).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Web.Console.Text.cap.tsv", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var table = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#' && line.Split('\t') is [var key, var vi, var en])
            {
                table[key] = (vi, en);
            }
        }

        return table;
    }
}
