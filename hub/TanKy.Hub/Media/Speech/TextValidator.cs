using TanKy.Hub.Shared.Text;
using System.Globalization;
using System.Text;

namespace TanKy.Hub.Media.Speech;

/// <summary>
/// Checks text before it reaches the speech engine. Vietnamese typed on phones arrives in both
/// precomposed and combining forms ("ộ" as one code point or as o + ̣ + ̂); NFC makes them one
/// form so espeak reads the tone marks and the length limit counts letters, not code points.
/// </summary>
internal static class TextValidator
{
    public static TextValidation Validate(string? text, int maxCharacters)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refused(new TextMessage("api2.speech.empty"));
        }

        if (!text.IsNormalized(NormalizationForm.FormC) && !CanNormalize(text))
        {
            return Refused(new TextMessage("api2.speech.unicode"));
        }

        var normalized = text.Normalize(NormalizationForm.FormC);
        var problems = new List<string>();
        var control = normalized.Where(IsForbiddenControl).Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        if (control.Count > 0)
        {
            problems.Add(new TextMessage("api2.speech.control", string.Join(", ", control.Take(5))).Encode());
        }

        var cleaned = CollapseWhitespace(normalized);
        if (cleaned.Length > maxCharacters)
        {
            problems.Add(new TextMessage("api2.speech.too-long", cleaned.Length, maxCharacters).Encode());
        }

        if (!cleaned.Any(char.IsLetterOrDigit))
        {
            problems.Add(new TextMessage("api2.speech.no-letters").Encode());
        }

        return problems.Count > 0 ? new TextValidation(null, problems) : new TextValidation(cleaned, []);
    }

    /// <summary>Tabs and line breaks are ordinary in pasted text; everything else below U+0020 (and DEL, C1, bidi overrides) is refused.</summary>
    private static bool IsForbiddenControl(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
        || (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));

    private static string CollapseWhitespace(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool CanNormalize(string s)
    {
        try
        {
            _ = s.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Problems are stored text messages (TextMessage.Encode), shown in the reader's language.
    private static TextValidation Refused(TextMessage reason) => new(null, [reason.Encode()]);
}
