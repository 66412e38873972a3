using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TanKy.Hub.Shared.Text;

/// <summary>
/// The hub's user-facing strings (console, API problems, CLI, audit), through ASP.NET Core's
/// <see cref="IStringLocalizer"/> over resource files: <c>Resources/Text/&lt;area&gt;.resx</c> holds
/// the Vietnamese (the neutral resources) and <c>&lt;area&gt;.en.resx</c> the English, one pair per
/// area so helpers add their own area instead of editing a shared table. A key is looked up without
/// its area, so keys are unique across areas (checked here, at start).
/// </summary>
public sealed class HubText
{
    public const string LanguageCookie = "tanky.lang";

    /// <summary>The folder of the resource files, relative to the project (<c>LocalizationOptions.ResourcesPath</c>).</summary>
    public const string ResourcesPath = "Resources";

    private const string AreaPrefix = "Text.";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private readonly FrozenDictionary<string, IStringLocalizer> _byKey;

    /// <summary>Outside a host (CLI, tests): the same localizer factory the host registers.</summary>
    public HubText()
        : this(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = ResourcesPath }), NullLoggerFactory.Instance))
    {
    }

    public HubText(IStringLocalizerFactory factory)
    {
        var assembly = typeof(HubText).Assembly;
        var location = assembly.GetName().Name!;
        var byKey = new Dictionary<string, IStringLocalizer>(StringComparer.Ordinal);
        var areaOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in Areas(assembly))
        {
            var localizer = factory.Create(AreaPrefix + area, location);
            foreach (var key in InCulture(Vietnamese, () => localizer.GetAllStrings(includeParentCultures: false).Select(s => s.Name).ToList()))
            {
                if (!areaOf.TryAdd(key, area))
                {
                    throw new InvalidDataException($"Resources/Text: key '{key}' is in both {areaOf[key]}.resx and {area}.resx");
                }

                byKey[key] = localizer;
            }
        }

        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
        AreaOf = areaOf.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>One instance for code without a service provider (exception messages, the CLI).</summary>
    public static HubText Default => LazyDefault.Value;

    private static readonly Lazy<HubText> LazyDefault = new(() => new HubText());

    public IReadOnlyCollection<string> Keys => _byKey.Keys;

    /// <summary>Each key's area (its resource file's name), for tests and tools.</summary>
    public IReadOnlyDictionary<string, string> AreaOf { get; }

    /// <summary>
    /// "en" when the request's UI culture (chosen by <see cref="TextRegistration"/>: the <c>tanky.lang</c>
    /// cookie, then Accept-Language) is English, otherwise "vi". Without request localization (a
    /// bare test host), the cookie alone decides.
    /// </summary>
    public static string LanguageOf(HttpContext? http)
    {
        if (http?.Features.Get<IRequestCultureFeature>() is { } feature)
        {
            return feature.RequestCulture.UICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";
        }

        return http?.Request.Cookies[LanguageCookie] == "en" ? "en" : "vi";
    }

    /// <summary>The text, or the key in brackets so a missing entry is visible on the page and in tests.</summary>
    public string Get(string key, string language)
    {
        if (!_byKey.TryGetValue(key, out var localizer))
        {
            return $"[{key}]";
        }

        var text = InCulture(language == "en" ? English : Vietnamese, () => localizer[key]);
        return text.ResourceNotFound ? $"[{key}]" : text.Value;
    }

    /// <summary>A message with its key and arguments (<see cref="TextMessage"/>) in <paramref name="language"/>.</summary>
    public string Format(TextMessage message, string language) => Format(message.Key, language, message.Args);

    /// <summary>
    /// The text with its <c>{0}</c>, <c>{1}</c> … filled in: messages that carry values get a key and
    /// arguments, never a sentence glued together in code. An argument that is a key is translated too.
    /// </summary>
    public string Format(string key, string language, params object?[] args)
    {
        var text = Get(key, language);
        if (args.Length == 0 || text.StartsWith('['))
        {
            return text;
        }

        // An argument that is itself a key ("role.hamlet-head", "class.emergency") is shown as its text.
        var shown = args.Select(a => a is string s && _byKey.ContainsKey(s) ? Get(s, language) : a).ToArray();
        return string.Format(CultureInfo.InvariantCulture, text, shown);
    }

    /// <summary>
    /// A stored message (<see cref="TextMessage.Encode"/>) in <paramref name="language"/>; free text
    /// (rows written before keys, an exception's own words) is returned as it is.
    /// </summary>
    public string Render(string? stored, string language) =>
        TextMessage.Decode(stored) is { } message && _byKey.ContainsKey(message.Key) ? Format(message, language) : stored ?? "";

    /// <summary>The text for <paramref name="prefix"/> + <paramref name="code"/> when there is one, else the code: labels for stored codes (actions, outcomes).</summary>
    public string Label(string prefix, string code, string language) =>
        _byKey.ContainsKey(prefix + code) ? Get(prefix + code, language) : code;

    /// <summary>Only the entries of one language's own file (no fallback to Vietnamese), for the both-languages test.</summary>
    public IReadOnlyDictionary<string, string> Table(string language)
    {
        var culture = language == "en" ? English : Vietnamese;
        return InCulture(culture, () => _byKey.Values.Distinct()
            .SelectMany(l => l.GetAllStrings(includeParentCultures: false))
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal));
    }

    private static IEnumerable<string> Areas(Assembly assembly)
    {
        var prefix = typeof(HubText).Assembly.GetCustomAttribute<RootNamespaceAttribute>()!.RootNamespace + "." + ResourcesPath + "." + AreaPrefix;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^".resources".Length])
            .Order(StringComparer.Ordinal);
    }

    // IStringLocalizer reads CultureInfo.CurrentUICulture; the CLI and the audit ask for a language
    // that is not the thread's, so the lookup runs under that culture and puts the old one back.
    private static T InCulture<T>(CultureInfo culture, Func<T> lookup)
    {
        var previous = CultureInfo.CurrentUICulture;
        if (previous.Equals(culture))
        {
            return lookup();
        }

        CultureInfo.CurrentUICulture = culture;
        try
        {
            return lookup();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
