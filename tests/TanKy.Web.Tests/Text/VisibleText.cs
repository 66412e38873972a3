using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TanKy.Web.Tests.Text;

/// <summary>
/// What a person reads on a console page or in an API problem, and the two ways it can fail to be
/// Vietnamese: an untranslated key (<c>[key]</c>, what <c>ConsoleText.Get</c> shows for a missing
/// entry) and an English word in Vietnamese text.
/// </summary>
public static partial class VisibleText
{
    /// <summary>
    /// English words that have leaked into Vietnamese screens before, or are the usual words of an
    /// error path (issue #17: "invalid period", "applied", "user 'x' already exists", "login allowed",
    /// "forbidden"). Whole words, case-insensitive, on visible text only. Words that are also
    /// Vietnamese technical vocabulary on these screens (Wi-Fi, LED, SSID, API, token, MQTT, JSON,
    /// CSV, LUFS) are deliberately not listed.
    /// </summary>
    public static readonly IReadOnlyList<string> EnglishWords =
    [
        "forbidden", "invalid", "applied", "error", "errors", "failed", "failure", "not found", "unauthorized", "unauthorised",
        "already exists", "already", "must", "cannot", "can't", "denied", "missing", "required", "refused", "unknown",
        "allowed", "expected", "bad request", "too large", "too many", "conflict", "please", "should", "does not", "is not",
        "not allowed", "only", "outside", "may not", "disabled", "expired", "no such", "stopped by",
        "the", "your", "with", "from", "and",
    ];

    /// <summary>Machine codes that were shown raw instead of a sentence; matched even though they look like ids.</summary>
    public static readonly IReadOnlyList<string> RawCodes = ["no-microphone", "not-multipart", "hamlet-head", "user-add"];

    /// <summary>The text nodes of <paramref name="html"/> plus the attributes people read (placeholder, title, aria-label, alt), and the page's script strings.</summary>
    public static string OfHtml(string html)
    {
        var strings = PageStrings().Matches(html).Select(m => JsonStrings(WebUtility.HtmlDecode(m.Groups[1].Value)));
        var withoutCode = Hidden().Replace(html, " ");
        var attributes = ReadAttributes().Matches(withoutCode).Select(m => m.Groups[2].Value);
        var text = Tag().Replace(withoutCode, " ");
        return WebUtility.HtmlDecode(string.Join(" ", new[] { text }.Concat(attributes).Concat(strings)));
    }

    /// <summary>Every string value of a JSON document (a problem's title and detail, the page strings).</summary>
    public static string JsonStrings(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return string.Join(" ", Strings(doc.RootElement));
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>Untranslated keys: the <c>[key]</c> marker of a missing entry.</summary>
    public static IReadOnlyList<string> MissingKeys(string text) =>
        KeyMarker().Matches(text).Select(m => m.Value).Distinct().ToList();

    /// <summary>The listed English words found in <paramref name="text"/>, ignoring URLs, paths and ids (tokens with '-', '_', '/', '.', ':' or digits).</summary>
    public static IReadOnlyList<string> EnglishIn(string text)
    {
        var words = Token().Replace(text, m => IdLike().IsMatch(m.Value.Trim(Punctuation)) ? " " : m.Value);
        return EnglishWords.Where(w => Regex.IsMatch(words, $@"(?<![\p{{L}}\-]){Regex.Escape(w)}(?![\p{{L}}\-])", RegexOptions.IgnoreCase))
            .Concat(RawCodes.Where(c => Regex.IsMatch(text, $@"(?<![\w\-/.]){Regex.Escape(c)}(?![\w\-/.])")))
            .ToList();
    }

    private static readonly char[] Punctuation = [',', '.', ':', ';', '!', '?', '(', ')', '"', '\'', '«', '»', '“', '”', '…'];

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().Where(p => p.Name is not ("type" or "instance" or "traceId" or "code" or "detailEn")).SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    // Not read as text: scripts, styles, code-like elements and the document head (its <title> is checked through the h1).
    [GeneratedRegex(@"<(script|style|code|pre|kbd|samp|head|svg|datalist)\b[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("""<script type="application/json" id="page-strings">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex PageStrings();

    [GeneratedRegex(@"\b(placeholder|title|aria-label|alt)=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ReadAttributes();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\[[a-z][a-z0-9]*(?:[.\-][a-z0-9]+)+\]")]
    private static partial Regex KeyMarker();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Token();

    [GeneratedRegex(@"[\-_/.:@=0-9]|^https?:")]
    private static partial Regex IdLike();
}
