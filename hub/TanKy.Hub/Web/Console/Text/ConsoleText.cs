using Microsoft.AspNetCore.Http;
using TanKy.Hub.Shared.Text;

namespace TanKy.Hub.Web.Console.Text;

/// <summary>
/// The console's view of the hub's texts (<see cref="HubText"/>: <c>IStringLocalizer</c> over
/// <c>Resources/Text/&lt;area&gt;.resx</c>, Vietnamese, and <c>&lt;area&gt;.en.resx</c>, English).
/// Pages use <c>@T("nav.devices")</c> (<see cref="Translate"/>, the request's language); other code uses
/// <see cref="Get"/> with a language. The language comes from the <c>tanky.lang</c> cookie that the
/// VI/EN switch sets, then the browser's Accept-Language, then Vietnamese.
/// </summary>
public sealed class ConsoleText
{
    public const string LanguageCookie = HubText.LanguageCookie;

    public ConsoleText()
        : this(HubText.Default)
    {
    }

    public ConsoleText(HubText text) => Text = text;

    /// <summary>The shared texts behind this view, for messages with arguments (<see cref="HubText.Format(TextMessage, string)"/>).</summary>
    public HubText Text { get; }

    public IReadOnlyCollection<string> Keys => Text.Keys;

    /// <summary>"en" when the request asked for English, otherwise "vi".</summary>
    public static string LanguageOf(HttpContext? http) => HubText.LanguageOf(http);

    /// <summary>The text, or the key in brackets so a missing entry is visible on the page and in tests.</summary>
    public string Get(string key, string language) => Text.Get(key, language);

    /// <summary>A message with arguments in the request's language (an exception's <see cref="ILocalizedError.Text"/>).</summary>
    public string Say(TextMessage message, HttpContext? http) => Text.Format(message, LanguageOf(http));

    /// <summary>A stored message (an audit reason) in the request's language; free text as it is.</summary>
    public string Render(string? stored, HttpContext? http) => Text.Render(stored, LanguageOf(http));

    /// <summary>The text with its placeholders filled in.</summary>
    public string Format(string key, string language, params object?[] args) => Text.Format(key, language, args);
}
