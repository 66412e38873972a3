using System.Globalization;
using System.Text;
using TanKy.Hub.Schedules.Parsing;

namespace TanKy.Hub.Schedules.Editing;

/// <summary>
/// The file id of a new programme, made from its title so officers never type one: Vietnamese
/// folded to a–z ("Bản tin sáng thứ 2" → <c>ban-tin-sang-thu-2</c>), at most 32 characters, and
/// made unique with <c>-2</c>, <c>-3</c>… against the ids already taken.
/// </summary>
public static class ProgrammeIds
{
    /// <summary>Used when a title has no letter or digit to keep (e.g. only punctuation).</summary>
    public const string Fallback = "chuong-trinh";

    public static string FromTitle(string? title, Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var stem = Fold(title);
        if (stem.Length == 0)
        {
            stem = Fallback;
        }

        if (!taken(stem))
        {
            return stem;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var id = Cut(stem, ProgrammeParser.MaxIdLength - suffix.Length) + suffix;
            if (!taken(id))
            {
                return id;
            }
        }
    }

    /// <summary>Lower case a–z, 0–9 and single dashes; đ becomes d and tone marks are dropped.</summary>
    public static string Fold(string? title)
    {
        var s = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            var ch = c == 'đ' ? 'd' : c;
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (ch is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                s.Append(ch);
            }
            else if (s.Length > 0 && s[^1] != '-')
            {
                s.Append('-');
            }
        }

        return Cut(s.ToString(), ProgrammeParser.MaxIdLength);
    }

    /// <summary>At most <paramref name="max"/> characters, never ending on a dash.</summary>
    private static string Cut(string id, int max) => (id.Length > max ? id[..max] : id).Trim('-');
}
