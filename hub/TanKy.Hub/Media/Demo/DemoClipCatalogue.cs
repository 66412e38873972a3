using System.Globalization;

namespace TanKy.Hub.Media.Demo;

/// <summary>
/// What each demo stand-in clip is: its title and length, read from the embedded
/// <c>demo-clips.tsv</c> (<c>id TAB title TAB seconds</c>). The titles are sample content stored in
/// the library like a title an officer types, so they sit in a data file rather than in code.
/// </summary>
internal sealed class DemoClipCatalogue
{
    /// <summary>How the demo titled its stand-ins before issue #17: all alike but for the id.</summary>
    public const string OldTitlePrefix = "Âm thanh mẫu (demo) ";

    private const string Resource = "TanKy.Hub.Media.Demo.demo-clips.tsv";
    private const string Fallback = "*";

    private readonly Dictionary<string, (string Title, TimeSpan Length)> _clips;

    private DemoClipCatalogue(Dictionary<string, (string, TimeSpan)> clips) => _clips = clips;

    public static DemoClipCatalogue Load()
    {
        using var stream = typeof(DemoClipCatalogue).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        var clips = new Dictionary<string, (string, TimeSpan)>(StringComparer.Ordinal);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            {
                throw new InvalidDataException($"{Resource}:{lineNo}: expected 'id<TAB>title<TAB>seconds'");
            }

            clips[parts[0]] = (parts[1], TimeSpan.FromSeconds(seconds));
        }

        return clips.ContainsKey(Fallback) ? new DemoClipCatalogue(clips) : throw new InvalidDataException($"{Resource}: no '{Fallback}' line");
    }

    /// <summary>The clip's title and length; an id the table lacks gets the numbered fallback title.</summary>
    public (string Title, TimeSpan Length) For(string id, int number)
    {
        if (_clips.TryGetValue(id, out var clip))
        {
            return clip;
        }

        var (template, length) = _clips[Fallback];
        return (string.Format(CultureInfo.InvariantCulture, template, number), length);
    }
}
