using System.Globalization;
using System.Text;

namespace TanKy.Hub.Emergency.Cap;

/// <summary>
/// Diacritic-insensitive comparison key: "Xóm 4 – Hoà Bình", "xom 4 - hoa binh" and
/// "XOM 4 HÒA BÌNH" fold to the same text. đ is not a combining mark, so it is mapped by hand.
/// </summary>
internal static class VietnameseFold
{
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ch = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }
}
