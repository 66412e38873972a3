using System.Globalization;
using TanKy.Hub.Shared;

namespace TanKy.Hub.Media;

/// <summary>
/// The title of a text-to-speech clip: its first words and the commune's date, e.g.
/// "Thông báo họp dân khối 3… – 07/12/2026". A whole announcement as a title made the library
/// unreadable (issue #17); the words are enough to recognise it, the date tells repeats apart.
/// </summary>
internal static class SpeechTitle
{
    public const int MaxWords = 6;
    public const int MaxChars = 48;
    private const string Ellipsis = "…";

    public static string From(string? text, DateTimeOffset at)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => !char.IsControl(c)).ToArray()))
            .Where(w => w.Length > 0)
            .ToList();
        var head = new List<string>();
        foreach (var w in words.Take(MaxWords))
        {
            if (head.Count > 0 && string.Join(' ', head).Length + 1 + w.Length > MaxChars)
            {
                break;
            }

            head.Add(w.Length > MaxChars ? w[..MaxChars] : w);
        }

        var cut = head.Count < words.Count || (words.Count > 0 && words[0].Length > MaxChars);
        var shown = string.Join(' ', head);
        if (cut)
        {
            // "khối 3,…" reads badly: drop the punctuation the cut leaves behind.
            shown = shown.TrimEnd(',', ';', ':', '.', '-', '–', '—') + Ellipsis;
        }

        var date = CommuneTime.ToLocal(at).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return shown.Length == 0 ? date : $"{shown} – {date}";
    }
}
