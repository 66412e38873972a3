using System.Text;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>Which info block is used, and the spoken and LED texts made from it.</summary>
internal static class CapContent
{
    /// <summary>The first Vietnamese block (vi, vi-VN), else the first block: people here listen in Vietnamese.</summary>
    public static CapInfo? Choose(CapAlert alert) => alert.Infos.FirstOrDefault(i => i.IsVietnamese) ?? (alert.Infos.Count > 0 ? alert.Infos[0] : null);

    /// <summary>Headline (or the event name) then the instruction, as sentences; cut at a word boundary.</summary>
    public static string SpeechText(CapInfo info, int maxCharacters)
    {
        var parts = new[] { info.Headline ?? info.Event, info.Instruction }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => Sentence(Clean(p!)));
        return Cut(string.Join(' ', parts), maxCharacters, "");
    }

    /// <summary>The headline (or event name), diacritics kept, cut with an ellipsis to the board's length.</summary>
    public static string LedText(CapInfo info, int maxCharacters) => Cut(Clean(info.Headline ?? info.Event), maxCharacters, "…");

    /// <summary>NFC (precomposed Vietnamese letters), control characters and runs of whitespace turned into single spaces.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var ch = char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c;
            if (ch != ' ' || (sb.Length > 0 && sb[^1] != ' '))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString().Trim();
    }

    private static string Sentence(string s) => s.Length > 0 && !".!?…".Contains(s[^1], StringComparison.Ordinal) ? s + "." : s;

    private static string Cut(string s, int max, string ellipsis)
    {
        if (s.Length <= max)
        {
            return s;
        }

        var room = max - ellipsis.Length;
        var space = s.LastIndexOf(' ', Math.Max(0, room - 1), Math.Max(0, room));
        var end = space > room / 2 ? space : room;
        return s[..end].TrimEnd() + ellipsis;
    }
}
