using System.Globalization;
using System.Text;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Devices.Control.Validation;

/// <summary>
/// What an LED board can show: Vietnamese and Latin letters, digits and common punctuation,
/// at most <see cref="MaxLength"/> characters. The board's font has precomposed Vietnamese
/// letters only, so text is NFC-normalised first (a phone may send "a" + combining accents).
/// Control characters and emoji are refused rather than shown as boxes.
/// </summary>
internal static class LedText
{
    public const int MaxLength = 200;

    /// <summary>Null when <paramref name="text"/> can be shown (then <paramref name="normalized"/> is the NFC form); otherwise why not, naming <paramref name="field"/>.</summary>
    public static TextMessage? Check(string field, string text, out string normalized)
    {
        normalized = text.Normalize(NormalizationForm.FormC);
        if (normalized.Trim().Length == 0)
        {
            return new TextMessage("rules2.led.empty", field);
        }

        var length = normalized.EnumerateRunes().Count();
        if (length > MaxLength)
        {
            return new TextMessage("rules2.led.too-long", field, length, MaxLength);
        }

        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return new TextMessage("rules2.led.control", field, $"U+{rune.Value:X4}");
            }

            if (!IsShowable(rune.Value))
            {
                return new TextMessage("rules2.led.unshowable", field, rune.ToString(), $"U+{rune.Value:X4}");
            }
        }

        return null;
    }

    private static bool IsShowable(int c) =>
        c is >= 0x20 and <= 0x7E          // ASCII
            or >= 0xA0 and <= 0x24F       // Latin-1, Latin Extended-A/B: đ, ơ, ư, â, ê, ô…
            or >= 0x1E00 and <= 0x1EFF    // Latin Extended Additional: ạ, ả, ấ … ỹ
            or >= 0x2010 and <= 0x2027    // dashes, quotes, bullet, ellipsis
            or 0x20AB                     // ₫
        && CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.NonSpacingMark and not UnicodeCategory.OtherNotAssigned;
}
