using TanKy.Hub.Emergency.Cap;

namespace TanKy.Hub.Emergency.Led;

/// <summary>Headline text for a board: NFC (diacritics kept as precomposed letters), one line, cut with an ellipsis.</summary>
internal static class LedHeadlineText
{
    public static string For(string headline, int maxCharacters)
    {
        var clean = CapContent.Clean(headline);
        return clean.Length <= maxCharacters ? clean : clean[..Math.Max(0, maxCharacters - 1)].TrimEnd() + "…";
    }
}
